using System.Runtime.InteropServices;
using ServiceManager.Platform.Unix.Cgroups;

namespace ServiceManager.Platform.Unix;

/// <summary>
/// Starts children in a session of their own and watches all of them from a single I/O thread. Children are created
/// by the native spawner (<see cref="SpawnMethod.Clone3"/>) where it is available, else with posix_spawn. With a
/// <see cref="CgroupContainment"/>, a request that names a cgroup starts in a fresh leaf of it, before the program
/// runs. Disposing stops the I/O thread and closes every pipe; children keep running and are not reaped any more.
/// </summary>
public sealed unsafe class UnixProcessSpawner : IProcessSpawner, IDisposable
{
    private readonly ChildIoLoop _loop;
    private readonly CgroupContainment? _cgroups;
    private readonly IChildLauncher _launcher;
    private volatile bool _disposed;

    public UnixProcessSpawner() : this(null) { }

    /// <param name="onIoError">Gets exceptions thrown by sinks and I/O failures; stderr when null.</param>
    /// <param name="cgroups">Where children get their cgroups; null: process groups only.</param>
    public UnixProcessSpawner(Action<Exception>? onIoError, CgroupContainment? cgroups = null)
        : this(onIoError, cgroups, DefaultMethod)
    {
    }

    /// <param name="method">A seam for tests and benchmarks: <see cref="SpawnMethod.PosixSpawn"/> works everywhere.</param>
    internal UnixProcessSpawner(Action<Exception>? onIoError, CgroupContainment? cgroups, SpawnMethod method)
    {
        if (method == SpawnMethod.Clone3 && NativeSpawn.UnavailableReason is { } reason)
            throw new PlatformNotSupportedException($"the native spawner cannot be used here: {reason}");
        _ = ChildSignals.EnsureDefaultDisposition();
        _cgroups = cgroups;
        _launcher = method == SpawnMethod.Clone3 ? new Clone3Launcher() : new PosixSpawnLauncher();
        _loop = new ChildIoLoop("svcmgr-child-io", onIoError ?? (e => Console.Error.WriteLine($"svcmgr child I/O: {e}")));
    }

    /// <summary>How children are created on this machine: <see cref="SpawnMethod.Clone3"/> where the native spawner
    /// is available (see <see cref="Clone3UnavailableReason"/>).</summary>
    public static SpawnMethod DefaultMethod => NativeSpawn.UnavailableReason is null ? SpawnMethod.Clone3 : SpawnMethod.PosixSpawn;

    /// <summary>Why children are not created by the native spawner here; null when they are.</summary>
    public static string? Clone3UnavailableReason => NativeSpawn.UnavailableReason;

    /// <summary>The cgroup subtree children start in; null when they get process groups only.</summary>
    public CgroupContainment? Cgroups => _cgroups;

    public SpawnMethod Method => _launcher.Method;

    public IChildProcess Spawn(SpawnRequest request, IChildOutputSink sink)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sink);
        ObjectDisposedException.ThrowIf(_disposed, this);

        var program = request.Program;
        var cwd = request.WorkingDirectory;
        if (cwd.Length > 0 && !Directory.Exists(cwd))
            throw SpawnException.CannotStart(program, $"working directory '{cwd}' does not exist");
        var (path, errno) = ProgramResolver.Resolve(
            program, request.Environment.GetValueOrDefault("PATH"), cwd.Length > 0 ? cwd : Environment.CurrentDirectory);
        if (path is null) throw SpawnException.CannotStart(program, LibC.ErrorText(errno));

        var cgroup = _cgroups is not null && request.CgroupName is { } name ? CreateLeaf(program, name) : null;
        var fds = stackalloc int[4] { -1, -1, -1, -1 }; // stdout read/write, stderr read/write
        if (LibC.pipe2(fds, LibC.O_CLOEXEC) != 0 || LibC.pipe2(fds + 2, LibC.O_CLOEXEC) != 0)
        {
            var pipeErrno = Marshal.GetLastPInvokeError();
            CloseAll(fds, 4);
            cgroup?.TryRemove();
            throw SpawnException.CannotStart(program, $"pipe2: {LibC.ErrorText(pipeErrno)}");
        }

        LaunchedChild launched;
        try
        {
            launched = _launcher.Launch(request, path, fds[1], fds[3], cgroup);
        }
        catch (SpawnException)
        {
            CloseAll(fds, 4);
            cgroup?.TryRemove();
            throw;
        }
        LibC.CloseQuietly(ref fds[1]);
        LibC.CloseQuietly(ref fds[3]);
        var (pid, pidFd) = launched;

        // Read before the child is handed to the loop: until it is reaped its pid cannot be reused, so this is ours.
        var startTime = ProcStat.Read(pid) is { StartTime: > 0 } stat ? stat.StartTime : (ulong?)null;
        _ = LibC.fcntl(fds[0], LibC.F_SETFL, LibC.fcntl(fds[0], LibC.F_GETFL, 0) | LibC.O_NONBLOCK);
        _ = LibC.fcntl(fds[2], LibC.F_SETFL, LibC.fcntl(fds[2], LibC.F_GETFL, 0) | LibC.O_NONBLOCK);

        var child = new UnixChildProcess(pid, startTime, _loop, cgroup);
        var watch = new ChildWatch(_loop.NextId(), child, sink, fds[0], fds[2], pidFd);
        child.Attach(watch);
        try
        {
            _loop.Add(watch);
        }
        catch (ObjectDisposedException)
        {
            LibC.CloseQuietly(ref pidFd);
            KillAndReap(pid, cgroup);
            CloseAll(fds, 4);
            cgroup?.TryRemove();
            throw;
        }
        return child;
    }

    public void Dispose()
    {
        _disposed = true;
        _loop.Dispose();
    }

    /// <summary>A child that cannot be watched must not run unsupervised: kill it (and its cgroup) and reap it here.</summary>
    internal static void KillAndReap(int pid, Cgroup? cgroup)
    {
        _ = LibC.kill(-pid, SignalNames.SIGKILL);
        cgroup?.Kill();
        while (LibC.waitpid(pid, null, 0) < 0 && Marshal.GetLastPInvokeError() == LibC.EINTR)
        {
        }
    }

    private Cgroup CreateLeaf(string program, string name)
    {
        try
        {
            return _cgroups!.CreateLeaf(name);
        }
        catch (IOException e)
        {
            throw SpawnException.CannotStart(program, e.Message, e);
        }
    }

    private static void CloseAll(int* fds, int count)
    {
        for (var i = 0; i < count; i++)
            LibC.CloseQuietly(ref fds[i]);
    }
}
