using System.Globalization;
using System.Text;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Web.Api;

/// <summary>
/// <c>GET /metrics</c> in the Prometheus text exposition format (0.0.4): one series per instance, labelled
/// <c>instance</c> and <c>template</c>, plus the machine's figures from the daemon's latest sampling cycle.
/// </summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Render(IReadOnlyList<InstanceSummary> instances, MetricsResult metrics)
    {
        var text = new StringBuilder(256 + instances.Count * 400);
        Family(text, "svcmgr_instance_up", "gauge", "1 when the instance's process is running, else 0.", instances,
            i => i.State == "running" ? 1 : 0);
        Family(text, "svcmgr_instance_restarts_total", "counter", "Restarts since the daemon started supervising the instance.", instances,
            i => i.Restarts);
        Family(text, "svcmgr_instance_cpu_percent", "gauge", "CPU use of the instance's processes, percent of one core.", instances,
            i => i.CpuPercent);
        Family(text, "svcmgr_instance_memory_bytes", "gauge", "Resident memory of the instance's processes.", instances,
            i => i.MemoryBytes);
        Family(text, "svcmgr_instance_healthy", "gauge", "1 healthy, 0 unhealthy; absent while the health is unknown or unchecked.", instances,
            i => i.Health switch { "healthy" => 1, "unhealthy" => 0, _ => null });
        Family(text, "svcmgr_instance_uptime_seconds", "gauge", "Seconds since the running process started.", instances,
            i => i.UptimeMs / 1000.0);

        if (metrics.System is { } system)
        {
            Single(text, "svcmgr_system_cpu_percent", "Busy share of all cores together, percent.", system.CpuPercent);
            Single(text, "svcmgr_system_load1", "Load average over one minute.", system.LoadAverage1);
            Single(text, "svcmgr_system_memory_total_bytes", "Memory of the machine.", system.MemoryTotalBytes);
            Single(text, "svcmgr_system_memory_available_bytes", "Memory that can be allocated without swapping.", system.MemoryAvailableBytes);
        }

        return text.ToString();
    }

    private static void Family(StringBuilder text, string name, string type, string help, IReadOnlyList<InstanceSummary> instances,
        Func<InstanceSummary, double?> value)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (var instance in instances)
        {
            if (value(instance) is not { } v) continue;
            text.Append(name).Append("{instance=\"").Append(Escape(instance.Id)).Append("\",template=\"")
                .Append(Escape(instance.Template ?? "")).Append("\"} ").Append(Number(v)).Append('\n');
        }
    }

    private static void Single(StringBuilder text, string name, string help, double? value)
    {
        if (value is not { } v) return;
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(" gauge\n");
        text.Append(name).Append(' ').Append(Number(v)).Append('\n');
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Label values escape backslash, double quote and line feed.</summary>
    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
