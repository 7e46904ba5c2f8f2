using ServiceManager.Platform.Unix.Cgroups;

namespace ServiceManager.Platform.Unix;

/// <summary>
/// Creates one child process for <see cref="UnixProcessSpawner"/>, which has already resolved the program, made the
/// pipes and the cgroup: in a session of its own, default signals and an empty mask, stdin /dev/null, the pipe ends
/// at 1 and 2, the request's sockets at 3… with the socket-activation variables, nothing else open, in the cgroup
/// (when given) before the program runs, argv[0] as the user wrote it and exactly the requested environment.
/// </summary>
internal interface IChildLauncher
{
    SpawnMethod Method { get; }

    /// <param name="path">The file to execute, found on the child's PATH.</param>
    /// <exception cref="SpawnException">No child runs the program (none was created, or it failed before exec and
    /// has been reaped).</exception>
    LaunchedChild Launch(SpawnRequest request, string path, int stdoutFd, int stderrFd, Cgroup? cgroup);
}

/// <summary>A launched child.</summary>
/// <param name="PidFd">Its pidfd; -1 when it was already reaped by someone else (its exit status is then lost).</param>
internal readonly record struct LaunchedChild(int Pid, int PidFd);
