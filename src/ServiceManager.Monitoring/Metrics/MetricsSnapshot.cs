namespace ServiceManager.Monitoring.Metrics;

/// <summary>The latest cycle: the system and every instance being sampled (what the <c>metrics</c> RPC returns).</summary>
/// <param name="At">Null before the first cycle.</param>
public sealed record MetricsSnapshot(
    DateTimeOffset? At,
    SystemMetrics? System,
    IReadOnlyDictionary<string, MetricsSample> Instances);
