namespace ServiceManager.Monitoring.Health;

/// <summary>A monitor's published state; a new object after every check.</summary>
/// <param name="ConsecutiveFailures">Failed checks in a row (0 after any pass): what <c>restart_on_unhealthy</c>
/// counts.</param>
/// <param name="LastCheck">Null until the first probe of the current run has completed.</param>
public sealed record HealthSnapshot(
    HealthStatus Status,
    int ConsecutiveFailures,
    int ConsecutiveSuccesses,
    HealthCheck? LastCheck)
{
    public static HealthSnapshot Initial { get; } = new(HealthStatus.Unknown, 0, 0, null);
}
