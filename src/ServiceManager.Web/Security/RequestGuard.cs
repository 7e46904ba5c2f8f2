using Microsoft.AspNetCore.Http;
using ServiceManager.Web.Api;
using ServiceManager.Web.Dashboard;

namespace ServiceManager.Web.Security;

/// <summary>
/// The security rules of spec §7, before any route runs: a foreign <c>Host</c> gets 421 (DNS rebinding), a request
/// from another site's page (its <c>Origin</c> is not this server) that could change something gets 403, and with a
/// token a request without it gets 401 — the login page for a browser asking for the dashboard, JSON otherwise.
/// Nothing here adds CORS headers, so browsers keep other sites from reading any answer.
/// </summary>
internal sealed class RequestGuard(RequestDelegate next, AllowedHosts hosts, TokenCheck token)
{
    /// <summary>What a browser may load without the token: the login form and what it needs.</summary>
    private static readonly HashSet<string> Public = new(StringComparer.Ordinal) { "/login", "/login.js", "/app.css", "/favicon.svg" };

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!hosts.Allows(request.Host.Host))
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status421MisdirectedRequest,
                $"Host '{request.Host}' is not this server's name; use localhost, 127.0.0.1, [::1] or the --listen address");
            return;
        }

        if (IsCrossSite(context))
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status403Forbidden,
                $"refused a request from the page of another site ({request.Headers.Origin})");
            return;
        }

        if (!token.Allows(context) && !Public.Contains(request.Path.Value ?? ""))
        {
            if (HttpMethods.IsGet(request.Method) && request.Path == "/")
            {
                await Assets.WriteAsync(context, "login.html", StatusCodes.Status401Unauthorized);
                return;
            }

            await ApiErrors.WriteAsync(context, StatusCodes.Status401Unauthorized,
                "missing or wrong token: send Authorization: Bearer TOKEN (the content of the --token-file)");
            return;
        }

        await next(context);
    }

    /// <summary>
    /// A page of another origin can make a browser send a POST, a DELETE or a WebSocket handshake here (with no
    /// token, on loopback, nothing else would stop it). Browsers name the page's origin in <c>Origin</c>; it must be
    /// this server as the request addressed it. Reads are left alone: without CORS headers the other page cannot read
    /// the answer.
    /// </summary>
    private static bool IsCrossSite(HttpContext context)
    {
        var request = context.Request;
        if (!request.Headers.TryGetValue("Origin", out var origin)) return false;
        if (!context.WebSockets.IsWebSocketRequest && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
            return false;
        return !Uri.TryCreate(origin.ToString(), UriKind.Absolute, out var uri)
               || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
