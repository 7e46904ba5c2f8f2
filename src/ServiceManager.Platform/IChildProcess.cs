namespace ServiceManager.Platform;

/// <summary>
/// A child running in its own session: its pid is also its process-group id, so a signal to the group reaches every
/// descendant that did not start a session of its own.
/// </summary>
public interface IChildProcess : IDisposable
{
    int Pid { get; }

    /// <summary>Completes once the child has been reaped. Never faults.</summary>
    Task<ChildExit> Exited { get; }

    /// <summary>Sends <paramref name="signal"/> to the whole process group; false when the group no longer exists.</summary>
    bool SignalGroup(int signal);

    /// <summary>True while any process of the group is alive (the child may be gone while grandchildren remain).</summary>
    bool IsGroupAlive();
}
