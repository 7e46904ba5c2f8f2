namespace ServiceManager.Monitoring.Metrics;

/// <summary>
/// Where the sampler's raw counters come from: procfs on Linux (<see cref="Unix.ProcfsStatsSource"/>), a fake in
/// tests. Called only from the sampler's cycle, one call at a time; implementations may reuse buffers.
/// </summary>
public interface IProcessStatsSource
{
    /// <summary>Units of <see cref="ProcessSample.CpuTicks"/> and <see cref="ProcessSample.StartTicks"/> per second
    /// (USER_HZ, normally 100).</summary>
    long ClockTicksPerSecond { get; }

    /// <summary>Bytes per page, the unit of <see cref="ProcessSample.RssPages"/>.</summary>
    long PageSize { get; }

    /// <summary>Replaces the content of <paramref name="into"/> with every process on the machine, in one pass.
    /// Processes that vanish meanwhile are skipped.</summary>
    void ReadProcesses(List<ProcessSample> into);

    /// <summary>Replaces the content of <paramref name="into"/> with the pids in a cgroup (its <c>cgroup.procs</c>);
    /// empty when it is gone.</summary>
    void ReadCgroupMembers(string cgroupDirectory, List<int> into);

    /// <summary>Open file descriptors of one process; -1 when it is gone or not ours to read.</summary>
    int CountOpenFds(int pid);

    /// <summary>False when the system files cannot be read.</summary>
    bool TryReadSystem(out SystemCounters counters);
}
