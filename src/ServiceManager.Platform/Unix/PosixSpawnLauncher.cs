using System.Runtime.InteropServices;
using ServiceManager.Platform.Unix.Cgroups;

namespace ServiceManager.Platform.Unix;

/// <summary>
/// Launches with glibc's posix_spawn, where the native spawner is not available (not x86_64, an old kernel, a build
/// without gcc). What must happen in the child between spawn and exec — joining the cgroup, <c>LISTEN_PID=$$</c> —
/// is a <see cref="PreExec"/> step run by <c>/bin/sh</c>; without either, the program is spawned directly.
/// </summary>
internal sealed class PosixSpawnLauncher : IChildLauncher
{
    public SpawnMethod Method => SpawnMethod.PosixSpawn;

    public LaunchedChild Launch(SpawnRequest request, string path, int stdoutFd, int stderrFd, Cgroup? cgroup)
    {
        var program = request.Program;
        var environment = SocketActivation.Environment(program, request.Environment, request.Sockets);
        var actions = new List<PreExecAction>(2);
        if (cgroup is not null) actions.Add(PreExecAction.JoinCgroup(cgroup.ProcsFile));
        if (request.Sockets.Count > 0) actions.Add(PreExecAction.SetListenPid);

        string file;
        List<string> argv, envp;
        if (actions.Count == 0)
        {
            (file, argv, envp) = (path, [program, .. request.Arguments], [.. environment.Select(kv => $"{kv.Key}={kv.Value}")]);
        }
        else
        {
            // The shell searches PATH as the resolver did; when the child has no PATH of its own, name the file found.
            var argv0 = environment.ContainsKey("PATH") ? program : path;
            (file, argv, envp) = PreExec.Wrap(argv0, request.Arguments, environment, actions);
        }

        var floor = 3 + request.Sockets.Count;
        var copies = new List<int>();
        int rc, pid;
        try
        {
            var listenFds = request.Sockets.Select(s => MoveAbove(program, s.Fd, floor, copies)).ToArray();
            rc = PosixSpawn.Start(
                file, argv, envp, request.WorkingDirectory,
                MoveAbove(program, stdoutFd, floor, copies), MoveAbove(program, stderrFd, floor, copies), listenFds, out pid);
        }
        catch (ArgumentException e)
        {
            throw SpawnException.CannotStart(program, e.Message, e);
        }
        finally
        {
            foreach (var copy in copies) _ = LibC.close(copy);
        }
        if (rc != 0) throw SpawnException.CannotStart(program, LibC.ErrorText(rc));

        var pidFd = LibC.pidfd_open(pid);
        var errno = pidFd < 0 ? Marshal.GetLastPInvokeError() : 0;
        // ESRCH: already exited and reaped by someone else (SIGCHLD ignored, or the runtime reaping all as pid 1);
        // the loop then reports an exit without status. Any other failure: a child that cannot be watched must not run.
        if (pidFd < 0 && errno != LibC.ESRCH)
        {
            UnixProcessSpawner.KillAndReap(pid, cgroup);
            throw SpawnException.CannotStart(program, $"pidfd_open: {LibC.ErrorText(errno)}");
        }
        return new LaunchedChild(pid, pidFd);
    }

    /// <summary>
    /// posix_spawn's file actions run in order, so a source below the target range (a pipe end at 3 when a socket
    /// goes there, or at 0 when the daemon's own were closed) would be overwritten before it is placed: use a
    /// close-on-exec copy above the range instead.
    /// </summary>
    private static int MoveAbove(string program, int fd, int floor, List<int> copies)
    {
        if (fd >= floor) return fd;
        var copy = LibC.fcntl(fd, LibC.F_DUPFD_CLOEXEC, floor);
        if (copy < 0) throw SpawnException.CannotStart(program, $"cannot copy descriptor {fd}: {LibC.ErrorText(Marshal.GetLastPInvokeError())}");
        copies.Add(copy);
        return copy;
    }
}
