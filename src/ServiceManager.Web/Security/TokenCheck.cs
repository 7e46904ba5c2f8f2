using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ServiceManager.Web.Security;

/// <summary>
/// Whether a request carries the token: <c>Authorization: Bearer TOKEN</c>, the dashboard's login cookie, or on a
/// WebSocket request <c>?token=</c> (a browser cannot set headers on one). Without a configured token every request passes.
/// </summary>
internal sealed class TokenCheck
{
    /// <summary>The cookie the login form sets: HttpOnly, SameSite=Strict, so other sites' pages cannot send it.</summary>
    public const string CookieName = "svcmgr_token";

    private readonly byte[]? _token;

    public TokenCheck(string? token) => _token = token is null ? null : Encoding.UTF8.GetBytes(token);

    public bool Required => _token is not null;

    public bool Allows(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_token is null) return true;
        var request = context.Request;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && Matches(authorization["Bearer ".Length..].Trim()))
            return true;
        if (request.Cookies.TryGetValue(CookieName, out var cookie) && Matches(cookie)) return true;
        return context.WebSockets.IsWebSocketRequest && request.Query.TryGetValue("token", out var query) && Matches(query.ToString());
    }

    /// <summary>Constant time: a wrong token's answer does not tell how much of it was right.</summary>
    public bool Matches(string? candidate) =>
        _token is not null && candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _token);
}
