namespace ServiceManager.Monitoring.Metrics;

/// <summary>The sampler's record of one instance. <see cref="Pid"/>, <see cref="Cgroup"/> and <see cref="Generation"/>
/// change under the sampler's registry lock; every other field belongs to the sampling cycle alone.</summary>
internal sealed class TrackedInstance(string id, int historyLength)
{
    public string Id { get; } = id;

    public MetricsHistory History { get; } = new(historyLength);

    /// <summary>The group leader (pid == pgid == sid); 0 while not sampled.</summary>
    public int Pid { get; set; }

    /// <summary>The child's cgroup directory, whose every process is the instance's; null without cgroups.</summary>
    public string? Cgroup { get; set; }

    /// <summary>Bumped by every Track/Untrack, so a cycle that raced one drops its result.</summary>
    public long Generation { get; set; }

    // Cycle-owned from here on.
    public int CyclePid;
    public string? CycleCgroup;
    public long CycleGeneration;
    public long BaselineGeneration = -1;
    public long LastTimestamp;
    public long CpuTicks;
    public long RssPages;
    public int Threads;
    public int OpenFds;
    public int Processes;
    public long LeaderStartTicks;
    public long OldestStartTicks;

    public bool HasBaseline => BaselineGeneration == CycleGeneration;

    public void BeginCycle(int pid, string? cgroup, long generation)
    {
        CyclePid = pid;
        CycleCgroup = cgroup;
        CycleGeneration = generation;
        CpuTicks = 0;
        RssPages = 0;
        Threads = 0;
        OpenFds = 0;
        Processes = 0;
        LeaderStartTicks = -1;
        OldestStartTicks = long.MaxValue;
    }
}
