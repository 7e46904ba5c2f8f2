using System.Runtime.InteropServices;
using ServiceManager.Platform.Unix.Cgroups;

namespace ServiceManager.Platform.Unix;

/// <summary>
/// Starts children with posix_spawn in a session of their own and watches all of them from a single I/O thread.
/// With a <see cref="CgroupContainment"/>, a request that names a cgroup starts in a fresh leaf of it, joined by a
/// <see cref="PreExec"/> step before the program runs. Disposing stops the I/O thread and closes every pipe; children
/// keep running and are not reaped any more.
/// </summary>
public sealed unsafe class UnixProcessSpawner : IProcessSpawner, IDisposable
{
    private readonly ChildIoLoop _loop;
    private readonly CgroupContainment? _cgroups;
    private volatile bool _disposed;

    public UnixProcessSpawner() : this(null) { }

    /// <param name="onIoError">Gets exceptions thrown by sinks and I/O failures; stderr when null.</param>
    /// <param name="cgroups">Where children get their cgroups; null: process groups only.</param>
    public UnixProcessSpawner(Action<Exception>? onIoError, CgroupContainment? cgroups = null)
    {
        _ = ChildSignals.EnsureDefaultDisposition();
        _cgroups = cgroups;
        _loop = new ChildIoLoop("svcmgr-child-io", onIoError ?? (e => Console.Error.WriteLine($"svcmgr child I/O: {e}")));
    }

    /// <summary>The cgroup subtree children start in; null when they get process groups only.</summary>
    public CgroupContainment? Cgroups => _cgroups;

    public IChildProcess Spawn(SpawnRequest request, IChildOutputSink sink)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sink);
        ObjectDisposedException.ThrowIf(_disposed, this);

        var program = request.Program;
        var cwd = request.WorkingDirectory;
        if (cwd.Length > 0 && !Directory.Exists(cwd))
            throw Fail(program, $"working directory '{cwd}' does not exist");
        var (path, errno) = ProgramResolver.Resolve(
            program, request.Environment.GetValueOrDefault("PATH"), cwd.Length > 0 ? cwd : Environment.CurrentDirectory);
        if (path is null) throw Fail(program, LibC.ErrorText(errno));

        var cgroup = _cgroups is not null && request.CgroupName is { } name ? CreateLeaf(program, name) : null;
        List<string> argv, envp;
        if (cgroup is null)
        {
            argv = [program, .. request.Arguments];
            envp = [.. request.Environment.Select(kv => $"{kv.Key}={kv.Value}")];
        }
        else
        {
            // The shell searches PATH as the resolver did; when the child has no PATH of its own, name the file found.
            var argv0 = request.Environment.ContainsKey("PATH") ? program : path;
            try
            {
                (path, argv, envp) = PreExec.Wrap(argv0, request.Arguments, request.Environment, [PreExecAction.JoinCgroup(cgroup.ProcsFile)]);
            }
            catch (SpawnException)
            {
                cgroup.TryRemove();
                throw;
            }
        }

        var fds = stackalloc int[4] { -1, -1, -1, -1 }; // stdout read/write, stderr read/write
        if (LibC.pipe2(fds, LibC.O_CLOEXEC) != 0 || LibC.pipe2(fds + 2, LibC.O_CLOEXEC) != 0)
        {
            var pipeErrno = Marshal.GetLastPInvokeError();
            CloseAll(fds, 4);
            cgroup?.TryRemove();
            throw Fail(program, $"pipe2: {LibC.ErrorText(pipeErrno)}");
        }

        int rc, pid;
        try
        {
            rc = PosixSpawn.Start(path, argv, envp, cwd, fds[1], fds[3], out pid);
        }
        catch (ArgumentException e)
        {
            CloseAll(fds, 4);
            cgroup?.TryRemove();
            throw Fail(program, e.Message, e);
        }
        LibC.CloseQuietly(ref fds[1]);
        LibC.CloseQuietly(ref fds[3]);
        if (rc != 0)
        {
            CloseAll(fds, 4);
            cgroup?.TryRemove();
            throw Fail(program, LibC.ErrorText(rc));
        }

        // Read before the child is handed to the loop: until it is reaped its pid cannot be reused, so this is ours.
        var startTime = ProcStat.Read(pid) is { StartTime: > 0 } stat ? stat.StartTime : (ulong?)null;
        var pidFd = LibC.pidfd_open(pid);
        var pidErrno = pidFd < 0 ? Marshal.GetLastPInvokeError() : 0;
        // ESRCH: already exited and reaped by someone else (SIGCHLD ignored, or the runtime reaping all as pid 1);
        // the loop then reports an exit without status.
        if (pidFd < 0 && pidErrno != LibC.ESRCH)
        {
            Abandon(pid, fds, cgroup);
            throw Fail(program, $"pidfd_open: {LibC.ErrorText(pidErrno)}");
        }
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
            _ = LibC.close(pidFd);
            Abandon(pid, fds, cgroup);
            throw;
        }
        return child;
    }

    public void Dispose()
    {
        _disposed = true;
        _loop.Dispose();
    }

    private Cgroup CreateLeaf(string program, string name)
    {
        try
        {
            return _cgroups!.CreateLeaf(name);
        }
        catch (IOException e)
        {
            throw Fail(program, e.Message, e);
        }
    }

    private static SpawnException Fail(string program, string reason, Exception? inner = null)
    {
        var message = $"cannot start '{program}': {reason}";
        return inner is null ? new SpawnException(message) : new SpawnException(message, inner);
    }

    private static void CloseAll(int* fds, int count)
    {
        for (var i = 0; i < count; i++)
            LibC.CloseQuietly(ref fds[i]);
    }

    /// <summary>A child that cannot be watched must not run unsupervised: kill it and reap it here.</summary>
    private static void Abandon(int pid, int* fds, Cgroup? cgroup)
    {
        _ = LibC.kill(-pid, SignalNames.SIGKILL);
        cgroup?.Kill();
        while (LibC.waitpid(pid, null, 0) < 0 && Marshal.GetLastPInvokeError() == LibC.EINTR)
        {
        }
        CloseAll(fds, 4);
        cgroup?.TryRemove();
    }
}
