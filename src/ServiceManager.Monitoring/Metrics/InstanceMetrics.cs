namespace ServiceManager.Monitoring.Metrics;

/// <summary>One sample of an instance, summed over every process of its group and session.</summary>
/// <param name="CpuPercent">Per core, like <c>top</c>: 100 is one core busy, so a multi-process or multi-threaded
/// instance can exceed 100. Null on the first sample of a run (a rate needs two samples).</param>
/// <param name="RssBytes">Resident set of all its processes added up (shared pages count once per process, as in
/// pm2 and <c>ps</c>).</param>
/// <param name="OpenFds">Entries of <c>/proc/PID/fd</c> over the processes we may read (all of them, unless one
/// changed user).</param>
/// <param name="Uptime">Since the group leader started (or, once it is gone, the oldest remaining process).</param>
/// <param name="Processes">Live processes found; 0 means the group is gone.</param>
public readonly record struct InstanceMetrics(
    double? CpuPercent,
    long RssBytes,
    int Threads,
    int OpenFds,
    TimeSpan Uptime,
    int Processes);
