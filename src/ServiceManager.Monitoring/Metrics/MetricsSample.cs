namespace ServiceManager.Monitoring.Metrics;

/// <summary>An instance's metrics at one sampling cycle.</summary>
public readonly record struct MetricsSample(DateTimeOffset At, InstanceMetrics Metrics);
