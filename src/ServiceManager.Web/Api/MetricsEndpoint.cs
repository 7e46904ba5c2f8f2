using Microsoft.AspNetCore.Http;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Web.Api;

/// <summary><c>GET /metrics</c>: what a Prometheus scrape reads (503 like every request while the daemon is away).</summary>
internal static class MetricsEndpoint
{
    public static async Task GetAsync(HttpContext context)
    {
        var instances = await Respond.DaemonAsync(context, (c, ct) => c.ListAsync(new ListParams(), ct));
        var metrics = await Respond.DaemonAsync(context, (c, ct) => c.MetricsAsync(ct));
        context.Response.ContentType = PrometheusText.ContentType;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(PrometheusText.Render(instances, metrics), context.RequestAborted);
    }
}
