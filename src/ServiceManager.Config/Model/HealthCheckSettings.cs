namespace ServiceManager.Config.Model;

/// <summary>A health check as configured (<c>http(s)://…</c>, <c>tcp://host:port</c> or <c>exec:COMMAND</c>), placeholders expanded.</summary>
public sealed record HealthCheckSettings(string Endpoint, TimeSpan Interval, TimeSpan Timeout)
{
    /// <summary><c>restart_on_unhealthy</c>: restart the instance once the check declares it unhealthy (consecutive
    /// failures), as a liveness probe would. Off by default: health is then only reported.</summary>
    public bool RestartOnUnhealthy { get; init; }
}
