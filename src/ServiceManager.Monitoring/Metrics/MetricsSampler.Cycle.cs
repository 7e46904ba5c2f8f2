namespace ServiceManager.Monitoring.Metrics;

public sealed partial class MetricsSampler
{
    // Cycle state: touched only under _cycle, reused from one cycle to the next.
    private readonly Lock _cycle = new();
    private readonly List<ProcessSample> _processes = new(512);
    private readonly Dictionary<int, TrackedInstance> _byPid = [];
    private readonly Dictionary<int, TrackedInstance> _byCgroupMember = [];
    private readonly List<int> _cgroupMembers = [];
    private Dictionary<int, PidTicks> _previousTicks = [];
    private Dictionary<int, PidTicks> _currentTicks = [];
    private long _previousUptimeTicks = -1;
    private SystemCounters? _previousSystem;

    /// <summary>Runs one sampling cycle now, synchronously (the timer calls this; so do tests and the benchmark).
    /// Does not raise <see cref="Sampled"/>.</summary>
    /// <returns>The cycle's time stamp.</returns>
    public DateTimeOffset SampleNow()
    {
        lock (_cycle)
        {
            var now = _time.GetTimestamp();
            var at = _time.GetUtcNow();
            CollectTracked();

            var hz = _source.ClockTicksPerSecond;
            var haveSystem = _source.TryReadSystem(out var system);
            var uptimeTicks = haveSystem ? (long)(system.UptimeSeconds * hz) : -1;

            if (_byPid.Count > 0)
            {
                _source.ReadProcesses(_processes);
                foreach (var process in _processes)
                    AddToOwner(process);
            }
            (_previousTicks, _currentTicks) = (_currentTicks, _previousTicks);
            _currentTicks.Clear();
            _previousUptimeTicks = uptimeTicks;

            foreach (var instance in _byPid.Values)
                Publish(instance, now, at, uptimeTicks);
            if (haveSystem)
                PublishSystem(system, at);
            return at;
        }
    }

    private void CollectTracked()
    {
        _byPid.Clear();
        _byCgroupMember.Clear();
        lock (_registry)
        {
            foreach (var instance in _instances.Values)
            {
                if (instance.Pid == 0) continue;
                instance.BeginCycle(instance.Pid, instance.Cgroup, instance.Generation);
                _byPid[instance.Pid] = instance;
            }
        }
        // Outside the lock: a file read per cgroup.
        foreach (var instance in _byPid.Values)
        {
            if (instance.CycleCgroup is not { } cgroup) continue;
            _source.ReadCgroupMembers(cgroup, _cgroupMembers);
            foreach (var pid in _cgroupMembers) _byCgroupMember[pid] = instance;
        }
    }

    private void AddToOwner(in ProcessSample process)
    {
        if (process.IsZombie) return;
        // The cgroup first: it holds everything the child started. Then the group: a child that called setsid() left
        // both, one that called setpgid() (a shell's job) is still in the session.
        if (!_byCgroupMember.TryGetValue(process.Pid, out var owner)
            && !_byPid.TryGetValue(process.ProcessGroup, out owner) && !_byPid.TryGetValue(process.Session, out owner))
            return;

        owner.Processes++;
        owner.RssPages += process.RssPages;
        owner.Threads += process.Threads;
        var fds = _source.CountOpenFds(process.Pid);
        if (fds > 0) owner.OpenFds += fds;
        if (process.Pid == owner.CyclePid) owner.LeaderStartTicks = process.StartTicks;
        owner.OldestStartTicks = Math.Min(owner.OldestStartTicks, process.StartTicks);

        owner.CpuTicks += Math.Max(0, process.CpuTicks - TicksBefore(owner, process));
        _currentTicks[process.Pid] = new PidTicks(process.CpuTicks, process.StartTicks);
    }

    /// <summary>The part of a process's CPU time that was already counted (or that belongs before this run's baseline).</summary>
    private long TicksBefore(TrackedInstance owner, in ProcessSample process)
    {
        if (_previousTicks.TryGetValue(process.Pid, out var previous) && previous.StartTicks == process.StartTicks)
            return previous.CpuTicks;
        // New since the last cycle (a worker forked, a probe ran): all its CPU time falls in this interval. Anything
        // else seen for the first time (the first cycle of a run) only sets the baseline.
        var bornSinceLastCycle = owner.HasBaseline && _previousUptimeTicks >= 0 && process.StartTicks >= _previousUptimeTicks;
        return bornSinceLastCycle ? 0 : process.CpuTicks;
    }

    private void Publish(TrackedInstance instance, long now, DateTimeOffset at, long uptimeTicks)
    {
        var hz = (double)_source.ClockTicksPerSecond;
        double? cpu = null;
        if (instance.HasBaseline && _time.GetElapsedTime(instance.LastTimestamp, now).TotalSeconds is var seconds and > 0)
            cpu = instance.CpuTicks / hz / seconds * 100.0;

        var start = instance.LeaderStartTicks >= 0 ? instance.LeaderStartTicks : instance.OldestStartTicks;
        var uptime = instance.Processes > 0 && uptimeTicks >= start
            ? TimeSpan.FromSeconds((uptimeTicks - start) / hz)
            : TimeSpan.Zero;
        var metrics = new InstanceMetrics(
            cpu, instance.RssPages * _source.PageSize, instance.Threads, instance.OpenFds, uptime, instance.Processes);

        lock (_registry)
        {
            // Untracked or moved to a new pid while this cycle ran: its result describes the old process.
            if (instance.Generation != instance.CycleGeneration) return;
            instance.History.Add(new MetricsSample(at, metrics));
        }
        instance.BaselineGeneration = instance.CycleGeneration;
        instance.LastTimestamp = now;
    }

    private void PublishSystem(in SystemCounters system, DateTimeOffset at)
    {
        double? cpu = null;
        if (_previousSystem is { } before && system.CpuTotalTicks > before.CpuTotalTicks)
        {
            var busy = Math.Max(0, system.CpuBusyTicks - before.CpuBusyTicks);
            cpu = Math.Min(100.0, 100.0 * busy / (system.CpuTotalTicks - before.CpuTotalTicks));
        }
        _previousSystem = system;
        var metrics = new SystemMetrics(
            cpu, Environment.ProcessorCount, system.LoadAverage1, system.LoadAverage5, system.LoadAverage15,
            system.MemoryTotalBytes, system.MemoryAvailableBytes, TimeSpan.FromSeconds(system.UptimeSeconds));
        // A lock, not a volatile reference: the struct is published without boxing it every cycle.
        lock (_systemGate)
        {
            _latestSystem = metrics;
            _latestSystemAt = at;
        }
    }
}
