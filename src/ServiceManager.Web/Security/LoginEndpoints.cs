using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ServiceManager.Web.Api;
using ServiceManager.Web.Dashboard;

namespace ServiceManager.Web.Security;

/// <summary>
/// The dashboard's login, when a token is configured: a form posts the token, a right one is kept in an HttpOnly,
/// SameSite=Strict cookie that the dashboard's requests and WebSockets then carry.
/// </summary>
internal static class LoginEndpoints
{
    public static Task PageAsync(HttpContext context) => Assets.WriteAsync(context, "login.html");

    public static async Task LoginAsync(HttpContext context)
    {
        var check = context.RequestServices.GetRequiredService<TokenCheck>();
        if (!context.Request.HasFormContentType)
            throw ApiErrors.BadRequest("expected the login form (application/x-www-form-urlencoded with a token field)");
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var token = form["token"].ToString().Trim();
        if (!check.Required || !check.Matches(token))
        {
            context.Response.Redirect("/login?failed=1");
            return;
        }

        context.Response.Cookies.Append(TokenCheck.CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            Secure = context.Request.IsHttps,
        });
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = "/";
    }

    public static Task LogoutAsync(HttpContext context)
    {
        context.Response.Cookies.Delete(TokenCheck.CookieName, new CookieOptions { Path = "/" });
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = "/login";
        return Task.CompletedTask;
    }
}
