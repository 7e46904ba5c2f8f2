namespace ServiceManager.Monitoring;

/// <summary>
/// A background loop that can be started and stopped again and again: a new run begins only once the previous one
/// has wound down, so two runs never overlap, and a stop returns once the run has ended.
/// </summary>
internal sealed class RestartableLoop(Func<CancellationToken, Task> body)
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _run;
    private Task _loop = Task.CompletedTask;

    public bool IsRunning
    {
        get
        {
            lock (_gate) return _run is not null;
        }
    }

    /// <summary>Starts a run; a no-op while one is running.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_run is not null) return;
            _run = new CancellationTokenSource();
            var previous = _loop;
            var token = _run.Token;
            _loop = Task.Run(async () =>
            {
                await previous;
                await body(token);
            }, CancellationToken.None);
        }
    }

    /// <param name="cancellationToken">Stops only the caller's wait, never the stop itself.</param>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        CancellationTokenSource? run;
        Task loop;
        lock (_gate)
        {
            run = _run;
            _run = null;
            loop = _loop;
        }

        if (run is not null)
        {
            await run.CancelAsync();
            _ = loop.ContinueWith(_ => run.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        await loop.WaitAsync(cancellationToken);
    }
}
