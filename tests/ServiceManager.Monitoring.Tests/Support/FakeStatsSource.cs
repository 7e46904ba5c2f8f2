using ServiceManager.Monitoring.Metrics;

namespace ServiceManager.Monitoring.Tests.Support;

/// <summary>A process table and system counters the test sets by hand (USER_HZ 100, 4 KiB pages).</summary>
internal sealed class FakeStatsSource : IProcessStatsSource
{
    public List<ProcessSample> Processes { get; } = [];

    public Dictionary<int, int> OpenFds { get; } = [];

    public SystemCounters? System { get; set; }

    public int ProcessReads { get; private set; }

    public long ClockTicksPerSecond => 100;

    public long PageSize => 4096;

    public void ReadProcesses(List<ProcessSample> into)
    {
        ProcessReads++;
        into.Clear();
        into.AddRange(Processes);
    }

    /// <summary>The pids in each cgroup directory.</summary>
    public Dictionary<string, List<int>> Cgroups { get; } = new(StringComparer.Ordinal);

    public void ReadCgroupMembers(string cgroupDirectory, List<int> into)
    {
        into.Clear();
        if (Cgroups.TryGetValue(cgroupDirectory, out var pids)) into.AddRange(pids);
    }

    public int CountOpenFds(int pid) => OpenFds.GetValueOrDefault(pid, -1);

    public bool TryReadSystem(out SystemCounters counters)
    {
        counters = System.GetValueOrDefault();
        return System is not null;
    }

    /// <summary>Adds or replaces a process (pid, pgid, sid; CPU ticks, threads, RSS pages, start tick).</summary>
    public void Set(int pid, int group, long cpuTicks, int threads = 1, long rssPages = 100, long startTicks = 0, int? session = null, char state = 'S')
    {
        Processes.RemoveAll(p => p.Pid == pid);
        Processes.Add(new ProcessSample(pid, (byte)state, group, session ?? group, cpuTicks, threads, rssPages, startTicks));
    }

    public void Remove(int pid) => Processes.RemoveAll(p => p.Pid == pid);

    /// <summary>System counters at <paramref name="uptimeSeconds"/>, with the given CPU tick totals.</summary>
    public void SetSystem(double uptimeSeconds, long busy = 0, long total = 0) =>
        System = new SystemCounters(busy, total, 0.5, 0.25, 0.125, 8L << 30, 6L << 30, uptimeSeconds);
}
