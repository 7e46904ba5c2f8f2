namespace ServiceManager.Monitoring.Metrics;

/// <summary>How often to sample and how much history to keep.</summary>
public sealed record MetricsSamplerOptions
{
    public static MetricsSamplerOptions Default { get; } = new();

    /// <summary>One cycle samples every instance and the system (default 2 s).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Samples kept per instance (default 150: five minutes at the default interval, for sparklines).</summary>
    public int HistoryLength { get; init; } = 150;
}
