using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ServiceManager.Daemon.Hosting;
using ServiceManager.Protocol;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Persistence;

/// <summary>
/// The one writer of <c>state.json</c>. Every change of the fleet (a transition, an instance added or removed) asks
/// for a write; a single loop writes the fleet as it is at that moment, so a burst of changes costs one or two
/// writes, never a torn or out-of-order file. Callers that must know their change is on disk (RPCs, before they
/// answer) await <see cref="FlushAsync"/>, which writes at once; other changes (a crash and its restart) wait up to
/// <see cref="CoalesceDelay"/> for company, so a crash-looping instance costs a few writes a second, not two fsyncs
/// per restart. A child spawned meanwhile is not in the file yet; the next daemon finds it by its marker
/// (<see cref="OrphanRecovery"/>).
/// </summary>
internal sealed class StateWriter : IAsyncDisposable
{
    private readonly Fleet _fleet;
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly ILogger<StateWriter> _logger;
    private readonly string? _cgroups;
    private readonly ConfigStore? _config;
    private readonly Channel<bool> _doorbell =
        Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Lock _gate = new();
    private readonly List<(long Generation, TaskCompletionSource Done)> _waiters = [];
    /// <summary>How long a change nobody awaits may wait for others before it is written.</summary>
    internal static readonly TimeSpan CoalesceDelay = TimeSpan.FromMilliseconds(100);

    // Completed by FlushAsync to cut a coalescing wait short; replaced after each write.
    private TaskCompletionSource _urgent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _requested;
    private long _writes;
    private bool _coalescing;
    private bool _closing;
    private long _written;
    private bool _failing;
    private Task? _loop;

    /// <param name="containment">Where the daemon's cgroups are, to record; null (tests) records none.</param>
    /// <param name="config">Where the scales of replica groups are, to record; null (tests) records none.</param>
    public StateWriter(Fleet fleet, DaemonPaths paths, TimeProvider time, ILogger<StateWriter> logger, Containment? containment = null, ConfigStore? config = null)
    {
        _config = config;
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(paths);
        _cgroups = containment?.Cgroups?.Root.Directory;
        _fleet = fleet;
        _path = paths.StateFile;
        _time = time;
        _logger = logger;
        fleet.StateChanged += (_, _) => Request();
        fleet.MembersChanged += () => Request();
        fleet.WaitsChanged += () => Request();
    }

    /// <summary>The file written.</summary>
    public string Path => _path;

    /// <summary>Whether the loop is waiting out <see cref="CoalesceDelay"/> before a write.</summary>
    internal bool Coalescing => Volatile.Read(ref _coalescing);

    /// <summary>How many times the file has been written (or a write attempted).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Starts writing; until then requests only accumulate (the fleet may be half restored).</summary>
    public void Start()
    {
        lock (_gate) _loop ??= Task.Run(RunAsync);
        Request();
    }

    /// <summary>Asks for a write of the fleet as it is from now on; returns the request's generation.</summary>
    public long Request()
    {
        long generation;
        lock (_gate) generation = ++_requested;
        _doorbell.Writer.TryWrite(true);
        return generation;
    }

    /// <summary>Completes once a write that started after this call has finished (at once when not started).</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var generation = Request();
        lock (_gate)
        {
            if (_loop is null || _loop.IsCompleted || _written >= generation) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((generation, done));
            _urgent.TrySetResult();
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Writes what is pending, then stops for good (before the fleet is disposed, which would empty it).</summary>
    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_gate) loop = _loop;
        if (loop is not null) await FlushAsync();
        // A request that came after the flush must not wait out the coalescing delay (nor hang on a stopped clock).
        lock (_gate)
        {
            _closing = true;
            _urgent.TrySetResult();
        }

        _doorbell.Writer.TryComplete();
        if (loop is not null) await loop;
    }

    private async Task RunAsync()
    {
        await foreach (var _ in _doorbell.Reader.ReadAllAsync())
        {
            await CoalesceAsync();
            long generation;
            lock (_gate) generation = _requested;
            WriteNow();
            Interlocked.Increment(ref _writes);
            lock (_gate)
            {
                _written = generation;
                if (_urgent.Task.IsCompleted && !_closing) _urgent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.RemoveAll(w =>
                {
                    if (w.Generation > generation) return false;
                    w.Done.TrySetResult();
                    return true;
                });
            }
        }

        lock (_gate)
        {
            foreach (var (_, done) in _waiters) done.TrySetResult();
            _waiters.Clear();
        }
    }

    /// <summary>Waits <see cref="CoalesceDelay"/>, or not at all when someone awaits a flush.</summary>
    private async Task CoalesceAsync()
    {
        Task urgent;
        lock (_gate)
        {
            if (_waiters.Count > 0 || _closing) return;
            urgent = _urgent.Task;
        }

        using var cancel = new CancellationTokenSource();
        var delay = Task.Delay(CoalesceDelay, _time, cancel.Token);
        Volatile.Write(ref _coalescing, true);
        if (await Task.WhenAny(delay, urgent) != delay) await cancel.CancelAsync();
        Volatile.Write(ref _coalescing, false);
    }

    private void WriteNow()
    {
        try
        {
            var document = new StateDocument(
                StateDocument.CurrentVersion,
                _time.GetUtcNow(),
                Environment.ProcessId,
                _fleet.NumericIds,
                [.. _fleet.List().Select(s => StateMapping.Record(s, _fleet.WantsToStart(s.Id)))],
                _cgroups,
                _config?.Scales is { Count: > 0 } scales ? scales : null);
            StateFile.Write(_path, document);
            if (_failing) _logger.LogInformation("state file {Path} written again", _path);
            _failing = false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Logged once per run of failures: a full disk must not flood the log. The next change tries again.
            if (!_failing) _logger.LogError("cannot write the state file {Path}: {Error}", _path, ex.Message);
            _failing = true;
        }
    }
}
