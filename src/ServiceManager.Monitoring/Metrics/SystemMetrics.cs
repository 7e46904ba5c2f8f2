namespace ServiceManager.Monitoring.Metrics;

/// <summary>The machine as a whole, from <c>/proc/stat</c>, <c>/proc/loadavg</c>, <c>/proc/meminfo</c> and
/// <c>/proc/uptime</c>.</summary>
/// <param name="CpuPercent">Busy share of all cores together, 0–100 (unlike <see cref="InstanceMetrics.CpuPercent"/>,
/// which is per core). Null on the first sample.</param>
/// <param name="MemoryAvailableBytes"><c>MemAvailable</c>: what can be allocated without swapping (free + reclaimable
/// cache), the figure <c>free</c> shows as "available".</param>
public readonly record struct SystemMetrics(
    double? CpuPercent,
    int CpuCount,
    double LoadAverage1,
    double LoadAverage5,
    double LoadAverage15,
    long MemoryTotalBytes,
    long MemoryAvailableBytes,
    TimeSpan Uptime)
{
    public long MemoryUsedBytes => MemoryTotalBytes - MemoryAvailableBytes;
}
