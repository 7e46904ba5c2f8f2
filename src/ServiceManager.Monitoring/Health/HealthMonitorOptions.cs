namespace ServiceManager.Monitoring.Health;

/// <summary>How many consecutive results it takes to declare a change, and when the first probe runs.</summary>
/// <remarks>
/// The defaults are asymmetric on purpose: one passing check is enough to trust a service (it answered), while one
/// failed check may be a blip (a GC pause, a busy accept queue), so three in a row are needed before "unhealthy".
/// Starting from <see cref="HealthStatus.Unknown"/>, a service that is still booting therefore stays "unknown"
/// through its first failures instead of flapping to "unhealthy".
/// </remarks>
public sealed record HealthMonitorOptions
{
    public static HealthMonitorOptions Default { get; } = new();

    /// <summary>Consecutive passing checks before the status becomes healthy (default 1).</summary>
    public int HealthyThreshold { get; init; } = 1;

    /// <summary>Consecutive failed checks before the status becomes unhealthy (default 3).</summary>
    public int UnhealthyThreshold { get; init; } = 3;

    /// <summary>Wait before the first probe after <see cref="HealthMonitor.Start"/> (default none: probe at once).</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// While the status is unknown, the first start-up probe comes this long after a failed check, each next one
    /// twice as long after the previous, until one passes or the next regular check is due (default 100 ms; null:
    /// none, only regular checks). A service that needs half a second to boot is healthy after about 0.7 s, not after
    /// a whole <c>health_interval_ms</c>.
    /// </summary>
    public TimeSpan? StartupProbeDelay { get; init; } = TimeSpan.FromMilliseconds(100);
}
