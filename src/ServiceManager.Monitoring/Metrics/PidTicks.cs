namespace ServiceManager.Monitoring.Metrics;

/// <summary>A process's CPU ticks at the previous cycle, with its start time so a recycled pid is not mistaken for it.</summary>
internal readonly record struct PidTicks(long CpuTicks, long StartTicks);
