using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ServiceManager.Protocol;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Persistence;

/// <summary>
/// The one writer of <c>state.json</c>. Every change of the fleet (a transition, an instance added or removed) asks
/// for a write; a single loop writes the fleet as it is at that moment, so a burst of changes costs one or two
/// writes, never a torn or out-of-order file. Callers that must know their change is on disk (RPCs, before they
/// answer) await <see cref="FlushAsync"/>.
/// </summary>
internal sealed class StateWriter : IAsyncDisposable
{
    private readonly Fleet _fleet;
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly ILogger<StateWriter> _logger;
    private readonly Channel<bool> _doorbell =
        Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Lock _gate = new();
    private readonly List<(long Generation, TaskCompletionSource Done)> _waiters = [];
    private long _requested;
    private long _written;
    private bool _failing;
    private Task? _loop;

    public StateWriter(Fleet fleet, DaemonPaths paths, TimeProvider time, ILogger<StateWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(paths);
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
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Writes what is pending, then stops for good (before the fleet is disposed, which would empty it).</summary>
    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_gate) loop = _loop;
        if (loop is not null) await FlushAsync();
        _doorbell.Writer.TryComplete();
        if (loop is not null) await loop;
    }

    private async Task RunAsync()
    {
        await foreach (var _ in _doorbell.Reader.ReadAllAsync())
        {
            long generation;
            lock (_gate) generation = _requested;
            WriteNow();
            lock (_gate)
            {
                _written = generation;
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

    private void WriteNow()
    {
        try
        {
            var document = new StateDocument(
                StateDocument.CurrentVersion,
                _time.GetUtcNow(),
                Environment.ProcessId,
                _fleet.NumericIds,
                [.. _fleet.List().Select(s => StateMapping.Record(s, _fleet.WantsToStart(s.Id)))]);
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
