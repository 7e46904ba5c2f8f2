using System.Reflection;
using Microsoft.AspNetCore.Http;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Client;

namespace ServiceManager.Web.Api;

/// <summary><c>/api/health</c>, <c>/api/metrics</c> and <c>/api/reload</c>: the daemon as a whole.</summary>
internal static class FleetEndpoints
{
    /// <summary>This front end's version (the daemon reports its own in <c>daemon.version</c>).</summary>
    public static string Version { get; } =
        typeof(FleetEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static async Task HealthAsync(HttpContext context)
    {
        try
        {
            var ping = await Respond.DaemonAsync(context, (c, ct) => c.PingAsync(ct));
            await Respond.JsonAsync(context, new HealthResponse("ok", Version, new DaemonHealth(ping.Pid, ping.UptimeMs, ping.Version)),
                WebJson.Web.HealthResponse);
        }
        catch (DaemonUnreachableException ex)
        {
            await Respond.JsonAsync(context, new UnavailableResponse("unavailable", new ErrorBody(ApiErrors.DaemonUnreachable, ex.Message)),
                WebJson.Web.UnavailableResponse, StatusCodes.Status503ServiceUnavailable);
        }
    }

    public static async Task MetricsAsync(HttpContext context)
    {
        var metrics = await Respond.DaemonAsync(context, (c, ct) => c.MetricsAsync(ct));
        await Respond.JsonAsync(context, metrics, WebJson.Protocol.MetricsResult);
    }

    public static async Task ReloadAsync(HttpContext context)
    {
        await JsonBody.ReadEmptyAsync(context);
        var result = await Respond.DaemonAsync(context, (c, ct) => c.ReloadAsync(ct), retryable: false);
        await Respond.JsonAsync(context, result, WebJson.Protocol.ReloadResult);
    }
}
