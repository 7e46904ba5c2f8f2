using ServiceManager.Platform.Unix.Cgroups;

namespace ServiceManager.Platform.Unix;

/// <summary>
/// A child started by <see cref="UnixProcessSpawner"/>; its pid is also its session and group id. In a cgroup, the
/// group's signals also go to the cgroup's other processes (descendants that left the group), and SIGKILL to the
/// whole cgroup.
/// </summary>
internal sealed class UnixChildProcess : IChildProcess
{
    private readonly TaskCompletionSource<ChildExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ChildIoLoop _loop;
    private readonly Cgroup? _cgroup;
    private ChildWatch? _watch;

    public UnixChildProcess(int pid, ulong? startTime, ChildIoLoop loop, Cgroup? cgroup)
    {
        Pid = pid;
        StartTime = startTime;
        _loop = loop;
        _cgroup = cgroup;
    }

    public int Pid { get; }

    public ulong? StartTime { get; }

    public string? Cgroup => _cgroup?.Directory;

    public Task<ChildExit> Exited => _exited.Task;

    /// <summary>
    /// kill(-pgid) first, as without a cgroup: it reaches the group at once, forks included. Then the cgroup's
    /// processes outside the group (escaped with setsid) get the signal too, each exactly once.
    /// </summary>
    public bool SignalGroup(int signal)
    {
        var sent = LibC.kill(-Pid, signal) == 0;
        if (_cgroup is null) return sent;
        if (signal == SignalNames.SIGKILL) return _cgroup.Kill() | sent;
        return _cgroup.SignalEach(signal, InGroup) > 0 | sent;
    }

    /// <summary>
    /// kill(-pgid, 0) also succeeds while only zombies are left, and orphaned grandchildren stay zombies for good when
    /// pid 1 does not reap (as in some containers and VMs), so a hit is confirmed by looking for a live member. A
    /// populated cgroup has a live member: the kernel takes processes out of it when they exit.
    /// </summary>
    public bool IsGroupAlive()
    {
        if (_cgroup?.IsPopulated() == true) return true;
        if (!UnixProcess.Exists(-Pid)) return false;
        if (ProcStat.Read(Pid) is { IsZombie: false } leader && leader.ProcessGroup == Pid) return true;
        foreach (var process in ProcStat.ReadAll())
        {
            if (process.ProcessGroup == Pid && !process.IsZombie) return true;
        }
        return false;
    }

    internal void Attach(ChildWatch watch) => _watch = watch;

    internal void Complete(ChildExit exit) => _exited.TrySetResult(exit);

    /// <summary>
    /// Stops reading output (the pipes close, so later writes by the group get EPIPE). The exit is still watched until
    /// the child is reaped, so disposing a running child leaves no zombie and <see cref="Exited"/> still completes.
    /// The cgroup is removed once the child has exited, if nothing is left in it (a running child's leaf may look
    /// empty only because its pre-exec step has not joined it yet).
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _watch, null) is { } watch)
            _loop.Release(watch);
        if (_cgroup is null) return;
        if (_exited.Task.IsCompleted) RemoveCgroupIfEmpty();
        else _ = _exited.Task.ContinueWith(_ => RemoveCgroupIfEmpty(), TaskScheduler.Default);
    }

    private void RemoveCgroupIfEmpty()
    {
        if (!_cgroup!.IsPopulated()) _cgroup.TryRemove();
    }

    private bool InGroup(int pid) => ProcStat.Read(pid)?.ProcessGroup == Pid;
}
