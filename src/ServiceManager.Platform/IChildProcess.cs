namespace ServiceManager.Platform;

/// <summary>
/// A child running in its own session: its pid is also its process-group id, so a signal to the group reaches every
/// descendant that did not start a session of its own.
/// </summary>
public interface IChildProcess : IDisposable
{
    int Pid { get; }

    /// <summary>
    /// An opaque stamp of when the child started (on Linux: field 22 of /proc/PID/stat), read before anyone could
    /// reap it. With the pid it tells this child apart from a later process that reuses the pid; null if unknown.
    /// </summary>
    ulong? StartTime => null;

    /// <summary>Completes once the child has been reaped. Never faults.</summary>
    Task<ChildExit> Exited { get; }

    /// <summary>Sends <paramref name="signal"/> to the whole process group; false when the group no longer exists.</summary>
    bool SignalGroup(int signal);

    /// <summary>True while any process of the group is alive (the child may be gone while grandchildren remain).</summary>
    bool IsGroupAlive();
}
