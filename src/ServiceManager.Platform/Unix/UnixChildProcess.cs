namespace ServiceManager.Platform.Unix;

/// <summary>A child started by <see cref="UnixProcessSpawner"/>; its pid is also its session and group id.</summary>
internal sealed class UnixChildProcess : IChildProcess
{
    private readonly TaskCompletionSource<ChildExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ChildIoLoop _loop;
    private ChildWatch? _watch;

    public UnixChildProcess(int pid, ulong? startTime, ChildIoLoop loop)
    {
        Pid = pid;
        StartTime = startTime;
        _loop = loop;
    }

    public int Pid { get; }

    public ulong? StartTime { get; }

    public Task<ChildExit> Exited => _exited.Task;

    public bool SignalGroup(int signal) => LibC.kill(-Pid, signal) == 0;

    /// <summary>
    /// kill(-pgid, 0) also succeeds while only zombies are left, and orphaned grandchildren stay zombies for good when
    /// pid 1 does not reap (as in some containers and VMs), so a hit is confirmed by looking for a live member.
    /// </summary>
    public bool IsGroupAlive()
    {
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
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _watch, null) is { } watch)
            _loop.Release(watch);
    }
}
