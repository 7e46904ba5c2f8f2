using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ServiceManager.Protocol.Client;

namespace ServiceManager.Web.Api;

/// <summary>What every handler needs: the daemon, its route values and query, and a JSON answer.</summary>
internal static class Respond
{
    public static Task JsonAsync<T>(HttpContext context, T value, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(value, type, "application/json; charset=utf-8", context.RequestAborted);
    }

    /// <summary>Calls the daemon over the shared connection; reads are repeated once on a fresh connection when the
    /// old one turned out to be dead (the daemon restarted).</summary>
    public static Task<T> DaemonAsync<T>(HttpContext context, Func<DaemonClient, CancellationToken, Task<T>> call, bool retryable = true) =>
        context.RequestServices.GetRequiredService<DaemonGateway>().CallAsync(call, retryable, context.RequestAborted);

    public static string Route(HttpContext context, string name) =>
        context.Request.RouteValues[name] as string ?? throw ApiErrors.BadRequest($"missing {name} in the path");

    public static string? Query(HttpContext context, string name) =>
        context.Request.Query.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;

    /// <summary>An optional whole number in the query, within bounds; anything else is a 400 naming the parameter.</summary>
    public static int? QueryInt(HttpContext context, string name, int min, int max)
    {
        if (Query(context, name) is not { } text) return null;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw ApiErrors.BadRequest($"{name}={text}: expected a whole number from {min} to {max}");
        return value;
    }
}
