namespace ServiceManager.Protocol.Messages;

/// <summary>One instance in a <c>metrics_updated</c> event: just what a live list needs.</summary>
public sealed record MetricsPoint(string Id, double? CpuPercent, long MemoryBytes);
