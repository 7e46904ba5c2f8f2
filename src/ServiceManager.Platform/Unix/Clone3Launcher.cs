using ServiceManager.Platform.Unix.Cgroups;

namespace ServiceManager.Platform.Unix;

/// <summary>
/// Launches through the native spawner (<see cref="NativeSpawn"/>): the child is born in its cgroup
/// (<c>CLONE_INTO_CGROUP</c>, no migration), its own code sets <c>LISTEN_PID</c>, and the pidfd comes with it
/// (<c>CLONE_PIDFD</c>). No shell is involved, so the environment needs no workaround.
/// </summary>
internal sealed class Clone3Launcher : IChildLauncher
{
    public SpawnMethod Method => SpawnMethod.Clone3;

    public LaunchedChild Launch(SpawnRequest request, string path, int stdoutFd, int stderrFd, Cgroup? cgroup)
    {
        var program = request.Program;
        var environment = SocketActivation.Environment(program, request.Environment, request.Sockets);
        var cgroupFd = cgroup?.OpenPath() ?? -1;
        if (cgroupFd < -1) throw SpawnException.CannotStart(program, $"cannot open cgroup {cgroup!.Directory}: {LibC.ErrorText(-cgroupFd)}");

        int rc, pid, pidFd;
        try
        {
            rc = NativeSpawn.Start(
                path, [program, .. request.Arguments], [.. environment.Select(kv => $"{kv.Key}={kv.Value}")],
                request.WorkingDirectory, stdoutFd, stderrFd, cgroupFd, [.. request.Sockets.Select(s => s.Fd)], out pid, out pidFd);
        }
        catch (ArgumentException e)
        {
            throw SpawnException.CannotStart(program, e.Message, e);
        }
        finally
        {
            LibC.CloseQuietly(ref cgroupFd);
        }

        // As posix_spawn reports it: the errno of the step that failed in the child (mostly execve's).
        if (rc > 0) throw SpawnException.CannotStart(program, LibC.ErrorText(rc));
        if (rc < 0)
        {
            var where = cgroup is null ? "clone3" : $"clone3 into cgroup {cgroup.Directory}";
            throw SpawnException.CannotStart(program, $"{where}: {LibC.ErrorText(-rc)}");
        }
        return new LaunchedChild(pid, pidFd);
    }
}
