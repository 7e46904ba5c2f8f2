namespace ServiceManager.Protocol.Messages;

/// <summary>The machine as a whole in <c>metrics</c>.</summary>
/// <param name="CpuPercent">Busy share of all cores together, 0–100; null on the daemon's first sample.</param>
/// <param name="MemoryAvailableBytes">What can be allocated without swapping (<c>MemAvailable</c>).</param>
public sealed record SystemMetricsInfo(
    double? CpuPercent,
    int CpuCount,
    double LoadAverage1,
    double LoadAverage5,
    double LoadAverage15,
    long MemoryTotalBytes,
    long MemoryAvailableBytes,
    long MemoryUsedBytes,
    long UptimeMs);
