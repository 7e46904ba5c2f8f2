namespace ServiceManager.Platform;

/// <summary>
/// The processes one stop is aimed at: a child's process group (and its cgroup, when it has one), or what an earlier
/// daemon left running. <see cref="StopSequence"/> signals and waits for any of them the same way.
/// </summary>
public interface IProcessGroup
{
    /// <summary>Sends <paramref name="signal"/> to every member; false when there was nobody to send it to. SIGKILL
    /// reaches a cgroup's whole subtree at once.</summary>
    bool SignalGroup(int signal);

    /// <summary>True while any member is alive (zombies do not count: they run nothing and hold nothing).</summary>
    bool IsGroupAlive();
}
