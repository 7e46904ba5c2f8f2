using System.Runtime.InteropServices;

namespace ServiceManager.Platform.Unix.Cgroups;

public sealed partial class CgroupContainment
{
    /// <summary>
    /// Sets up the subtree for <paramref name="stateDirectory"/> if cgroup v2 can be used here, proving it by doing
    /// once what every spawn will do: make a leaf, start a process in it, kill it through the cgroup, remove the
    /// leaf. Leaves left by earlier daemons are not touched: orphan recovery deals with them.
    /// </summary>
    /// <param name="reason">Why not, in a few words for <c>svcmgr doctor</c>; null on success.</param>
    /// <returns>Null when only process groups can be used.</returns>
    public static CgroupContainment? TryCreate(string stateDirectory, out string? reason)
    {
        var own = CgroupHierarchy.PathOf(Environment.ProcessId);
        if (own is null)
        {
            reason = "no cgroup v2 membership in /proc/self/cgroup (cgroup v1 only)";
            return null;
        }
        var hierarchy = CgroupHierarchy.Find(own);
        if (hierarchy?.DirectoryOf(own) is not { } ownDirectory)
        {
            reason = $"cgroup v2 is not mounted where this process's cgroup {own} can be seen (no cgroup2 line in /proc/self/mountinfo shows it)";
            return null;
        }
        if (LibC.access(PreExec.Shell, LibC.X_OK) != 0)
        {
            reason = UnixProcessSpawner.DefaultMethod == SpawnMethod.Clone3
                ? $"{PreExec.Shell} is missing; the trial below runs it"
                : $"{PreExec.Shell} is missing; it runs the step that puts a child into its cgroup";
            return null;
        }

        var root = new Cgroup(Path.Combine(ownDirectory, SubtreeName(stateDirectory)));
        var errno = Cgroup.Create(root.Directory);
        if (errno is not (0 or LibC.EEXIST))
        {
            reason = $"cannot create {root.Directory}: {LibC.ErrorText(errno)}";
            return null;
        }
        var containment = new CgroupContainment(hierarchy, root);
        reason = containment.Trial();
        if (reason is null) return containment;
        if (errno == 0) root.TryRemove();
        return null;
    }

    /// <summary>
    /// One process put into a fresh leaf the way every child will be (born in it by clone3, or moved into it as the
    /// pre-exec step does), seen there, killed through it, the leaf removed; null when all of it worked.
    /// </summary>
    private unsafe string? Trial()
    {
        Cgroup leaf;
        try
        {
            // Instance ids start with a letter or digit: no instance's leaf can be called this.
            leaf = CreateLeaf("_trial");
        }
        catch (IOException e)
        {
            return e.Message;
        }

        var devNull = LibC.open("/dev/null", LibC.O_WRONLY | LibC.O_CLOEXEC);
        var (pid, problem) = UnixProcessSpawner.DefaultMethod == SpawnMethod.Clone3 ? StartInside(leaf, devNull) : StartAndMove(leaf, devNull);
        LibC.CloseQuietly(ref devNull);
        if (pid <= 0)
        {
            leaf.TryRemove();
            return problem;
        }

        HasKillFile = leaf.HasKillFile;
        if (problem is null && Hierarchy.DirectoryOfProcess(pid) != leaf.Directory) problem = $"a process started in {leaf.Directory} did not show up in it";
        else if (problem is null && !leaf.Kill()) problem = $"cannot kill the processes of {leaf.Directory}";

        _ = LibC.kill(pid, SignalNames.SIGKILL); // In case the cgroup did not do it; a no-op otherwise.
        int status;
        while (LibC.waitpid(pid, &status, 0) < 0 && Marshal.GetLastPInvokeError() == LibC.EINTR)
        {
        }
        // The kernel takes a process out of its cgroup when it exits, before its parent can reap it.
        if (!leaf.TryRemove() && problem is null)
            problem = $"cannot remove {leaf.Directory} once empty: {LibC.ErrorText(Marshal.GetLastPInvokeError())}";
        return problem;
    }

    private static readonly string[] TrialArgv = ["sh", "-c", "exec sleep 60"];

    /// <summary>The native spawner's way: <c>clone3(CLONE_INTO_CGROUP)</c>.</summary>
    private static (int Pid, string? Problem) StartInside(Cgroup leaf, int devNull)
    {
        var cgroupFd = leaf.OpenPath();
        if (cgroupFd < 0) return (0, $"cannot open {leaf.Directory}: {LibC.ErrorText(-cgroupFd)}");
        var rc = NativeSpawn.Start(PreExec.Shell, TrialArgv, [], "/", devNull, devNull, cgroupFd, [], out var pid, out var pidFd);
        LibC.CloseQuietly(ref cgroupFd);
        LibC.CloseQuietly(ref pidFd);
        return rc switch
        {
            0 => (pid, null),
            < 0 => (0, $"cannot start a process in {leaf.Directory}: {LibC.ErrorText(-rc)}"),
            _ => (0, $"cannot start {PreExec.Shell} for a trial: {LibC.ErrorText(rc)}"),
        };
    }

    /// <summary>The pre-exec step's way: a write of the pid to <c>cgroup.procs</c> (a migration).</summary>
    private static (int Pid, string? Problem) StartAndMove(Cgroup leaf, int devNull)
    {
        var rc = PosixSpawn.Start(PreExec.Shell, TrialArgv, [], "/", devNull, devNull, [], out var pid);
        if (rc != 0) return (0, $"cannot start {PreExec.Shell} for a trial: {LibC.ErrorText(rc)}");
        var errno = leaf.Add(pid);
        return (pid, errno == 0 ? null : $"cannot move a process into {leaf.Directory}: {LibC.ErrorText(errno)}");
    }
}
