using ServiceManager.Monitoring.Health;

namespace ServiceManager.Monitoring.Tests.Support;

/// <summary>A probe whose results the test chooses, that records how many calls ran at once.</summary>
internal sealed class ScriptedProbe : IHealthProbe
{
    private readonly Lock _gate = new();
    private readonly Queue<Func<CancellationToken, Task<ProbeResult>>> _script = new();
    private int _inFlight;

    public string Endpoint => "scripted";

    public int Calls { get; private set; }

    public int Completed { get; private set; }

    public int MaxConcurrent { get; private set; }

    /// <summary>What calls return once the script is used up.</summary>
    public Func<CancellationToken, Task<ProbeResult>> Otherwise { get; set; } = _ => Task.FromResult(ProbeResult.Healthy("ok"));

    public ScriptedProbe Then(bool healthy, string detail)
    {
        lock (_gate) _script.Enqueue(_ => Task.FromResult(new ProbeResult(healthy, detail)));
        return this;
    }

    /// <summary>A call that only ends when cancelled (a hung endpoint).</summary>
    public ScriptedProbe ThenHang()
    {
        lock (_gate) _script.Enqueue(async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        Func<CancellationToken, Task<ProbeResult>> next;
        lock (_gate)
        {
            Calls++;
            MaxConcurrent = Math.Max(MaxConcurrent, ++_inFlight);
            next = _script.Count > 0 ? _script.Dequeue() : Otherwise;
        }
        try
        {
            return await next(cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                _inFlight--;
                Completed++;
            }
        }
    }
}
