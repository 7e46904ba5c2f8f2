using ServiceManager.Platform;

namespace ServiceManager.Logs;

/// <summary>
/// The output of one instance: split into lines, appended to a rotating file, kept in a ring buffer for
/// <see cref="Tail"/> and broadcast to <see cref="Follow"/>ers. <see cref="OnOutput"/> runs on the spawner's I/O
/// thread: it writes to the file synchronously (one syscall per chunk) but never waits for a follower and never
/// throws on a failing disk (see <see cref="LastWriteError"/>).
/// </summary>
public sealed class InstanceLog : IChildOutputSink, IDisposable
{
    /// <summary>Prefix of the lines the supervisor writes itself; they are logged as stderr.</summary>
    public const string SystemPrefix = "[svcmgr] ";

    private readonly string _instance;
    private readonly TimeProvider _time;
    private readonly RotatingLogFile _file;
    private readonly LogRingBuffer _ring;
    private readonly FollowerSet _followers = new();
    private readonly LineSplitter _stdout = new();
    private readonly LineSplitter _stderr = new();

    // Serialises the I/O thread's chunks with the supervisor's own lines, subscriptions that replay history, and
    // Dispose; it keeps file, ring buffer and followers in the same order. Tail does not take it.
    private readonly Lock _writeLock = new();
    private readonly List<string> _lines = [];
    private readonly List<LogEntry> _entries = [];
    private bool _disposed;

    public InstanceLog(string instance, LogOptions options, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(instance);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (instance is "." or ".." || instance.AsSpan().IndexOfAny('/', '\0') >= 0)
        {
            throw new ArgumentException($"Instance id '{instance}' cannot be used as a file name.", nameof(instance));
        }

        ArgumentException.ThrowIfNullOrEmpty(options.Directory, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxFileBytes, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxFiles, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BufferLines, nameof(options));

        _instance = instance;
        _time = timeProvider;
        _ring = new LogRingBuffer(options.BufferLines);
        _file = new RotatingLogFile(options.Directory, instance, options.MaxFileBytes, options.MaxFiles);
    }

    public string Instance => _instance;

    /// <summary>The latest failure to create, write or rotate the file, or null. Lines keep flowing to
    /// <see cref="Tail"/> and followers regardless; each later chunk tries the file again.</summary>
    public Exception? LastWriteError => _file.LastError;

    /// <summary>True while lines are not reaching the file (since the last failure, until a write succeeds again).</summary>
    public bool IsWriteFailing => _file.Failing;

    public int FollowerCount => _followers.Count;

    /// <summary>
    /// Raised after a rotation, on the thread that wrote the line which did not fit, while the log's write lock is
    /// held: handlers must return at once and must not call back into this log.
    /// </summary>
    public event Action<LogRotation>? Rotated;

    public void OnOutput(OutputStream stream, ReadOnlySpan<byte> data)
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            _lines.Clear();
            Splitter(stream).Push(data, _lines);
            Publish(stream);
        }
    }

    public void OnClosed(OutputStream stream)
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            _lines.Clear();
            Splitter(stream).Flush(_lines);
            Publish(stream);
        }
    }

    /// <summary>
    /// Logs a note of the supervisor's own ("started pid 123") as a stderr line prefixed with
    /// <see cref="SystemPrefix"/>; each line of a multi-line text becomes its own entry. A partial line the child
    /// left on stderr stays pending and is not interrupted.
    /// </summary>
    public void AppendSystemLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            _lines.Clear();
            foreach (var range in text.AsSpan().Split('\n'))
            {
                var line = text.AsSpan(range).TrimEnd('\r');
                _lines.Add(string.Concat(SystemPrefix, line));
            }

            Publish(OutputStream.Stderr);
        }
    }

    /// <summary>Up to <paramref name="count"/> of the newest buffered lines, oldest first, of one stream or both.</summary>
    public IReadOnlyList<LogEntry> Tail(int count, OutputStream? stream = null) => _ring.Tail(count, stream);

    /// <summary>Up to <paramref name="count"/> of the newest stderr lines the child wrote itself (the supervisor's
    /// own <see cref="SystemPrefix"/> lines left out), oldest first: what a crash report quotes.</summary>
    public IReadOnlyList<string> ChildStderrTail(int count) =>
        [.. _ring.Tail(count, e => e.Stream == OutputStream.Stderr && !e.Text.StartsWith(SystemPrefix, StringComparison.Ordinal)).Select(e => e.Text)];

    /// <summary>
    /// Subscribes to lines logged from now on. With <paramref name="replayLines"/> the newest buffered lines come
    /// first, with no gap or repeat between them and the live ones (at most <paramref name="queueCapacity"/>);
    /// <paramref name="replayStream"/> counts only that stream's lines, so a follower of stdout alone still gets
    /// its <paramref name="replayLines"/>.
    /// </summary>
    public LogFollower Follow(int queueCapacity = 10_000, int replayLines = 0, OutputStream? replayStream = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(queueCapacity);
        ArgumentOutOfRangeException.ThrowIfNegative(replayLines);
        if (replayLines == 0)
        {
            return _followers.Add(queueCapacity, []);
        }

        lock (_writeLock)
        {
            return _followers.Add(queueCapacity, _ring.Tail(Math.Min(replayLines, queueCapacity), replayStream));
        }
    }

    /// <summary>Logs both streams' unfinished lines, closes the file and completes every follower.</summary>
    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            _lines.Clear();
            _stdout.Flush(_lines);
            Publish(OutputStream.Stdout);
            _lines.Clear();
            _stderr.Flush(_lines);
            Publish(OutputStream.Stderr);
            _disposed = true;
            _file.Dispose();
        }

        _followers.Close();
    }

    private LineSplitter Splitter(OutputStream stream) => stream == OutputStream.Stdout ? _stdout : _stderr;

    /// <summary>Stamps <see cref="_lines"/> and hands them to the file, the ring buffer and the followers.</summary>
    private void Publish(OutputStream stream)
    {
        if (_lines.Count == 0)
        {
            return;
        }

        // One stamp per chunk: its lines were read at the same instant, and it saves a clock read per line.
        var at = _time.GetUtcNow();
        _entries.Clear();
        foreach (var line in _lines)
        {
            _entries.Add(new LogEntry(_instance, stream, at, line));
        }

        var rotations = _file.Rotations;
        _file.Write(_entries);
        for (; rotations < _file.Rotations; rotations++)
        {
            Rotated?.Invoke(new LogRotation(_instance, _file.FilePath, _file.RotatedPath1, at));
        }

        _ring.AddRange(_entries);
        _followers.Broadcast(_entries);

        // Don't let one huge chunk pin its strings until the next one arrives.
        _lines.Clear();
        _entries.Clear();
    }
}
