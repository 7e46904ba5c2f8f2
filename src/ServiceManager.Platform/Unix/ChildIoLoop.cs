using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace ServiceManager.Platform.Unix;

/// <summary>
/// One thread, one epoll set: every child's stdout/stderr pipe and its pidfd. A fixed thread count however many
/// children run, and exits are reaped per pidfd, never with waitpid(-1), which would steal statuses from the
/// runtime's own Process children.
/// </summary>
internal sealed unsafe class ChildIoLoop : IDisposable
{
    private const int BufferSize = 64 * 1024;
    // Bounds how long one chatty pipe can hold the thread before the others get a turn (level-triggered, so the rest
    // is picked up on the next epoll_wait).
    private const int ReadsPerTurn = 4;
    private const ulong WakeToken = 0;
    private const int KindStdout = 0;
    private const int KindStderr = 1;
    private const int KindPid = 2;

    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<(ChildWatch Watch, bool Register)> _commands = new();
    private readonly Dictionary<long, ChildWatch> _watches = [];
    private readonly Action<Exception> _onError;
    private readonly Thread _thread;
    private readonly int _epoll;
    private readonly byte* _buffer = (byte*)NativeMemory.Alloc(BufferSize);
    private int _wakeFd;
    private bool _stopping;
    private long _nextId;

    public ChildIoLoop(string threadName, Action<Exception> onError)
    {
        _onError = onError;
        _epoll = LibC.epoll_create1(LibC.EPOLL_CLOEXEC);
        if (_epoll < 0) throw new InvalidOperationException($"epoll_create1: {LibC.ErrorText(Marshal.GetLastPInvokeError())}");
        _wakeFd = LibC.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
        if (_wakeFd < 0 || EpollEvents.Add(_epoll, _wakeFd, WakeToken) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            LibC.CloseQuietly(ref _wakeFd);
            _ = LibC.close(_epoll);
            throw new InvalidOperationException($"eventfd: {LibC.ErrorText(errno)}");
        }
        _thread = new Thread(Run) { IsBackground = true, Name = threadName };
        _thread.Start();
    }

    public long NextId() => Interlocked.Increment(ref _nextId);

    /// <summary>Hands the watch's descriptors over to the loop, which from now on owns and closes them.</summary>
    public void Add(ChildWatch watch)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            _commands.Enqueue((watch, true));
            WakeLocked();
        }
    }

    public void Release(ChildWatch watch)
    {
        lock (_gate)
        {
            if (_stopping) return;
            _commands.Enqueue((watch, false));
            WakeLocked();
        }
    }

    /// <summary>Stops the thread and closes every descriptor; children keep running, unwatched.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopping) return;
            _stopping = true;
            WakeLocked();
        }
        if (Thread.CurrentThread != _thread) _thread.Join();
    }

    private void WakeLocked()
    {
        ulong one = 1;
        _ = LibC.write(_wakeFd, (byte*)&one, sizeof(ulong));
    }

    private void Run()
    {
        using var events = new EpollEvents(64);
        try
        {
            while (!Volatile.Read(ref _stopping))
            {
                var n = LibC.epoll_wait(_epoll, events.Pointer, events.Capacity, -1);
                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == LibC.EINTR) continue;
                    Report(new InvalidOperationException($"epoll_wait: {LibC.ErrorText(errno)}"));
                    break;
                }
                for (var i = 0; i < n; i++)
                    Dispatch(events.DataAt(i));
            }
        }
        finally
        {
            Shutdown();
            NativeMemory.Free(_buffer);
        }
    }

    private void Dispatch(ulong token)
    {
        if (token == WakeToken)
        {
            ulong counter;
            _ = LibC.read(_wakeFd, (byte*)&counter, sizeof(ulong));
            RunCommands();
            return;
        }
        if (!_watches.TryGetValue((long)(token >> 2), out var watch)) return;
        switch ((int)(token & 3))
        {
            case KindStdout: ReadPipe(watch, OutputStream.Stdout, ReadsPerTurn); break;
            case KindStderr: ReadPipe(watch, OutputStream.Stderr, ReadsPerTurn); break;
            case KindPid: OnPidReadable(watch); break;
        }
    }

    private void RunCommands()
    {
        while (_commands.TryDequeue(out var command))
        {
            var watch = command.Watch;
            if (command.Register) Register(watch);
            else if (_watches.ContainsKey(watch.Id))
            {
                ClosePipe(watch, OutputStream.Stdout);
                ClosePipe(watch, OutputStream.Stderr);
            }
        }
    }

    private void Register(ChildWatch watch)
    {
        _watches[watch.Id] = watch;
        var baseToken = (ulong)watch.Id << 2;
        if (EpollEvents.Add(_epoll, watch.StdoutFd, baseToken | KindStdout) != 0) ClosePipe(watch, OutputStream.Stdout);
        if (EpollEvents.Add(_epoll, watch.StderrFd, baseToken | KindStderr) != 0) ClosePipe(watch, OutputStream.Stderr);
        if (watch.PidFd < 0)
        {
            // Reaped by someone else before a pidfd could be opened: it has exited, with its status lost.
            DrainPipes(watch);
            RemoveIfDone(watch);
            watch.Child.Complete(new ChildExit(null, null));
        }
        else if (EpollEvents.Add(_epoll, watch.PidFd, baseToken | KindPid) != 0)
        {
            Report(new InvalidOperationException(
                $"cannot watch pid {watch.Child.Pid}: {LibC.ErrorText(Marshal.GetLastPInvokeError())}"));
        }
    }

    private void ReadPipe(ChildWatch watch, OutputStream stream, int maxReads)
    {
        for (var reads = 0; reads < maxReads;)
        {
            var fd = watch.PipeFd(stream);
            if (fd < 0) return;
            var n = LibC.read(fd, _buffer, BufferSize);
            if (n > 0)
            {
                reads++;
                try { watch.Sink.OnOutput(stream, new ReadOnlySpan<byte>(_buffer, (int)n)); }
                catch (Exception e) { Report(e); }
                continue;
            }
            var errno = n < 0 ? Marshal.GetLastPInvokeError() : 0;
            if (errno == LibC.EINTR) continue;
            if (errno == LibC.EAGAIN) return;
            ClosePipe(watch, stream); // EOF: every writer, grandchildren included, has closed it.
            return;
        }
    }

    private void OnPidReadable(ChildWatch watch)
    {
        // The child's last output is already in the pipes: deliver it before anyone hears about the exit.
        DrainPipes(watch);

        LibC.SigInfo info = default;
        int rc;
        while ((rc = LibC.waitid(LibC.P_PIDFD, watch.PidFd, &info, LibC.WEXITED | LibC.WNOHANG)) < 0
               && Marshal.GetLastPInvokeError() == LibC.EINTR)
        {
        }
        if (rc == 0 && info.Pid == 0) return; // Not reapable yet; level-triggered epoll reports it again.

        // ECHILD: someone else reaped it (SIGCHLD ignored, or the runtime reaping everything as pid 1): status lost.
        var exit = rc != 0 ? new ChildExit(null, null)
            : info.Code == LibC.CLD_EXITED ? new ChildExit(info.Status, null)
            : new ChildExit(null, info.Status);
        EpollEvents.Remove(_epoll, watch.PidFd);
        LibC.CloseQuietly(ref watch.PidFd);
        RemoveIfDone(watch);
        watch.Child.Complete(exit);
    }

    private void DrainPipes(ChildWatch watch)
    {
        DrainPipe(watch, OutputStream.Stdout);
        DrainPipe(watch, OutputStream.Stderr);
    }

    /// <summary>
    /// Reads what is in the pipe now, which after the exit includes all the child wrote (pipes can be enlarged, so
    /// no fixed count would do). Bytes arriving later come from grandchildren and wait for their normal turn.
    /// </summary>
    private void DrainPipe(ChildWatch watch, OutputStream stream)
    {
        var fd = watch.PipeFd(stream);
        if (fd < 0) return;
        int pending;
        if (LibC.ioctl(fd, LibC.FIONREAD, &pending) != 0) pending = BufferSize;
        // One more read than the data needs, to notice EOF right away.
        ReadPipe(watch, stream, (pending / BufferSize) + 2);
    }

    private void ClosePipe(ChildWatch watch, OutputStream stream)
    {
        ref var fd = ref watch.PipeFd(stream);
        if (fd < 0) return;
        // Explicit removal: a fork elsewhere in the process may briefly hold a duplicate, keeping it in the set.
        EpollEvents.Remove(_epoll, fd);
        LibC.CloseQuietly(ref fd);
        try { watch.Sink.OnClosed(stream); }
        catch (Exception e) { Report(e); }
        RemoveIfDone(watch);
    }

    private void Report(Exception error)
    {
        try { _onError(error); }
        catch (Exception) { } // A throwing error hook must not take the I/O thread down with it.
    }

    private void RemoveIfDone(ChildWatch watch)
    {
        if (watch.IsDone) _watches.Remove(watch.Id);
    }

    private void Shutdown()
    {
        lock (_gate)
        {
            _stopping = true;
            LibC.CloseQuietly(ref _wakeFd);
        }
        RunCommands(); // Registrations that raced with Dispose still own descriptors.
        foreach (var watch in _watches.Values.ToList())
        {
            ClosePipe(watch, OutputStream.Stdout);
            ClosePipe(watch, OutputStream.Stderr);
            LibC.CloseQuietly(ref watch.PidFd);
            _watches.Remove(watch.Id);
        }
        _ = LibC.close(_epoll);
    }
}
