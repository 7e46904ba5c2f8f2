using System.Runtime.InteropServices;

namespace ServiceManager.Platform.Unix;

/// <summary>
/// The native spawner, <c>libsvcmgr-spawn</c> (src/ServiceManager.Platform/Native/spawn.c): one <c>clone3</c> call
/// with <c>CLONE_VM | CLONE_VFORK | CLONE_PIDFD</c> (and <c>CLONE_INTO_CGROUP</c>), a child that resets its signals,
/// starts a session, places its descriptors, and execs. Built for x86_64 only; <c>libsvcmgr-spawn.so</c> lies beside
/// the assemblies (the JIT) or beside the executable (NativeAOT; docs/building.md).
/// </summary>
internal static unsafe partial class NativeSpawn
{
    /// <summary>Loaded from the application directory at the first call, by the JIT and by NativeAOT alike; when it is
    /// missing, <see cref="Probe"/> says so and children start through posix_spawn.</summary>
    private const string Library = "libsvcmgr-spawn";

    /// <summary>spawn.c's LISTEN_PID_SIZE: "LISTEN_PID=" and up to 20 digits.</summary>
    private const int ListenPidSize = 32;

    private const int EPROTO = 71;

    private static readonly Lazy<string?> Unavailable = new(Probe);

    /// <summary>Why the native spawner cannot be used here; null when it can.</summary>
    public static string? UnavailableReason => Unavailable.Value;

    /// <summary>
    /// Starts <paramref name="path"/> as the native spawner does (see spawn.c): argv and envp as given, stdin from
    /// /dev/null, the pipe ends at 1 and 2, <paramref name="listenFds"/> at 3… (and then <c>LISTEN_PID</c> of the
    /// child's own pid appended to the environment), every other descriptor closed.
    /// </summary>
    /// <param name="cgroupFd">An <c>O_PATH</c> descriptor of the cgroup directory the child is born in, or -1.</param>
    /// <param name="pidFd">A pidfd for the child (close-on-exec).</param>
    /// <returns>0; a positive errno when the child failed before or at execve (it has been reaped); a negative errno
    /// when no child was created (clone3 refused).</returns>
    /// <exception cref="ArgumentException">A string contains a NUL byte.</exception>
    public static int Start(
        string path, IReadOnlyCollection<string> argv, IReadOnlyCollection<string> envp, string? workingDirectory,
        int stdoutFd, int stderrFd, int cgroupFd, ReadOnlySpan<int> listenFds, out int pid, out int pidFd)
    {
        using var strings = new NativeStrings();
        var listenPid = listenFds.IsEmpty ? null : strings.AddBuffer(ListenPidSize);
        var request = new Request
        {
            Path = strings.Add(path),
            Argv = strings.AddArray(argv),
            Envp = strings.AddArray(envp, listenPid),
            Cwd = string.IsNullOrEmpty(workingDirectory) ? null : strings.Add(workingDirectory),
            ListenPid = listenPid,
            StdoutFd = stdoutFd,
            StderrFd = stderrFd,
            CgroupFd = cgroupFd,
            ListenFdCount = listenFds.Length,
        };
        int childPid = 0, childPidFd = -1, rc;
        fixed (int* fds = listenFds)
        {
            request.ListenFds = fds;
            rc = svcmgr_spawn(&request, &childPid, &childPidFd);
        }
        pid = childPid;
        pidFd = childPidFd;
        return rc;
    }

    private static string? Probe()
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64)
            return $"the native spawner is built for x86_64 only, this is {RuntimeInformation.ProcessArchitecture}";
        int errno;
        try
        {
            errno = svcmgr_spawn_probe((nuint)sizeof(Request));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // The runtime's message is several lines, one per place and name tried (libX.so, libX, liblibX.so…, beside the
            // application and in the shared framework, in an order that depends on the deps file): keep the loader's
            // answer for the real file name beside the application, where the library belongs.
            var lines = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var detail = lines.FirstOrDefault(l => l.Contains($"{AppContext.BaseDirectory}{Library}.so:", StringComparison.Ordinal))
                ?? lines.FirstOrDefault(l => l.Contains($"/{Library}.so:", StringComparison.Ordinal)) ?? lines[^1];
            return $"{Library}.so cannot be loaded (not beside the application, or built with -p:SvcmgrNativeSpawn=false): {detail}";
        }
        return errno switch
        {
            0 => null,
            EPROTO => $"{Library} is from another build (its request layout differs)",
            _ => $"clone3 or close_range is not available (Linux 5.9 or later, not hidden by seccomp): {LibC.ErrorText(errno)}",
        };
    }

    /// <summary>spawn.c's <c>struct svcmgr_spawn_request</c>, field by field.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Request
    {
        public byte* Path;
        public byte** Argv;
        public byte** Envp;
        public byte* Cwd;
        public int* ListenFds;
        public byte* ListenPid;
        public int StdoutFd;
        public int StderrFd;
        public int CgroupFd;
        public int ListenFdCount;
    }

    [LibraryImport(Library)]
    private static partial int svcmgr_spawn(Request* request, int* pid, int* pidFd);

    [LibraryImport(Library)]
    private static partial int svcmgr_spawn_probe(nuint requestSize);
}
