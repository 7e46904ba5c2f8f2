namespace ServiceManager.Monitoring.Metrics;

/// <summary>Raw system-wide counters of one cycle; CPU percentages come from the difference of two of them.</summary>
/// <param name="CpuBusyTicks">All CPU time except idle and iowait, summed over every core.</param>
/// <param name="CpuTotalTicks">All CPU time, summed over every core.</param>
public readonly record struct SystemCounters(
    long CpuBusyTicks,
    long CpuTotalTicks,
    double LoadAverage1,
    double LoadAverage5,
    double LoadAverage15,
    long MemoryTotalBytes,
    long MemoryAvailableBytes,
    double UptimeSeconds);
