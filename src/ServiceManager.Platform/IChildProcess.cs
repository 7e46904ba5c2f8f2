namespace ServiceManager.Platform;

/// <summary>
/// A child running in its own session: its pid is also its process-group id, so a signal to the group reaches every
/// descendant that did not start a session of its own.
/// </summary>
public interface IChildProcess : IProcessGroup, IDisposable
{
    int Pid { get; }

    /// <summary>
    /// An opaque stamp of when the child started (on Linux: field 22 of /proc/PID/stat), read before anyone could
    /// reap it. With the pid it tells this child apart from a later process that reuses the pid; null if unknown.
    /// </summary>
    ulong? StartTime => null;

    /// <summary>
    /// The cgroup (its directory) the child was started in, which then holds all its descendants, even those that
    /// left the process group; null when the spawner keeps it in a process group only. With a cgroup,
    /// <see cref="IProcessGroup.SignalGroup"/> and <see cref="IProcessGroup.IsGroupAlive"/> cover the cgroup too.
    /// </summary>
    string? Cgroup => null;

    /// <summary>Completes once the child has been reaped. Never faults.</summary>
    Task<ChildExit> Exited { get; }
}
