using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceManager.Monitoring.Unix;

namespace ServiceManager.Monitoring.Metrics;

/// <summary>
/// Samples every tracked instance and the system on one timer (<see cref="MetricsSamplerOptions.Interval"/>), keeping
/// a short history per instance. An instance is its cgroup, when it has one, and its process group and session: every
/// process in the cgroup, and every process whose pgid or sid is the pid it was tracked with.
/// </summary>
/// <remarks>
/// One cycle reads <c>/proc/[pid]/stat</c> of every process once, adds each to the instance owning its group or
/// session, and only then reads the one thing stat lacks (the <c>fd</c> directory) for those processes. Buffers,
/// lists and dictionaries are reused, so a steady-state cycle allocates almost nothing.
/// </remarks>
public sealed partial class MetricsSampler : IAsyncDisposable
{
    private readonly IProcessStatsSource _source;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _registry = new();
    private readonly Dictionary<string, TrackedInstance> _instances = new(StringComparer.Ordinal);
    private readonly RestartableLoop _loop;
    private readonly Lock _systemGate = new();
    private SystemMetrics? _latestSystem;
    private DateTimeOffset? _latestSystemAt;

    /// <summary>Samples procfs.</summary>
    public MetricsSampler(TimeProvider time, MetricsSamplerOptions? options = null, ILogger? logger = null)
        : this(new ProcfsStatsSource(), time, options, logger)
    {
    }

    public MetricsSampler(IProcessStatsSource source, TimeProvider time, MetricsSamplerOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(time);
        options ??= MetricsSamplerOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.HistoryLength, 1);
        _source = source;
        _time = time;
        Options = options;
        _logger = logger ?? NullLogger.Instance;
        _loop = new RestartableLoop(RunAsync);
    }

    public MetricsSamplerOptions Options { get; }

    /// <summary>
    /// Raised after every cycle on the sampler's thread, with the cycle's time and system metrics (the instances' are
    /// in <see cref="TryGetLatest"/> and <see cref="Snapshot"/>). The next cycle waits for the handlers: keep them
    /// quick. Exceptions are logged and swallowed.
    /// </summary>
    public event Action<DateTimeOffset, SystemMetrics>? Sampled;

    /// <summary>Starts (or, with a new pid after a restart, moves) sampling of an instance's group. Its history is kept
    /// across restarts; its CPU rate starts afresh.</summary>
    /// <param name="cgroup">The child's cgroup directory: its processes count too, wherever they went (setsid).</param>
    public void Track(string instanceId, int pid, string? cgroup = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentOutOfRangeException.ThrowIfLessThan(pid, 1);
        lock (_registry)
        {
            if (!_instances.TryGetValue(instanceId, out var instance))
                _instances.Add(instanceId, instance = new TrackedInstance(instanceId, Options.HistoryLength));
            instance.Pid = pid;
            instance.Cgroup = cgroup;
            instance.Generation++;
        }
    }

    /// <summary>Stops sampling an instance (it stopped); its history stays for <see cref="GetHistory"/>.</summary>
    public void Untrack(string instanceId)
    {
        lock (_registry)
        {
            if (!_instances.TryGetValue(instanceId, out var instance)) return;
            instance.Pid = 0;
            instance.Generation++;
        }
    }

    /// <summary>Forgets an instance and its history (it was removed).</summary>
    public void Forget(string instanceId)
    {
        lock (_registry)
        {
            if (!_instances.Remove(instanceId, out var instance)) return;
            // A cycle in progress must not publish into the forgotten history.
            instance.Pid = 0;
            instance.Generation++;
        }
    }

    /// <summary>The latest sample of an instance that is being sampled; false before its first cycle or once untracked.</summary>
    public bool TryGetLatest(string instanceId, out MetricsSample sample)
    {
        TrackedInstance? instance;
        lock (_registry)
        {
            if (!_instances.TryGetValue(instanceId, out instance) || instance.Pid == 0)
            {
                sample = default;
                return false;
            }
        }
        return instance.History.TryGetLatest(out sample);
    }

    /// <summary>The kept samples of an instance, oldest first (empty when unknown).</summary>
    public MetricsSample[] GetHistory(string instanceId)
    {
        TrackedInstance? instance;
        lock (_registry)
        {
            if (!_instances.TryGetValue(instanceId, out instance)) return [];
        }
        return instance.History.ToArray();
    }

    /// <summary>System metrics of the latest cycle; null before the first.</summary>
    public SystemMetrics? LatestSystem
    {
        get
        {
            lock (_systemGate) return _latestSystem;
        }
    }

    /// <summary>The latest cycle: system and every instance being sampled.</summary>
    public MetricsSnapshot Snapshot()
    {
        var instances = new Dictionary<string, MetricsSample>(StringComparer.Ordinal);
        List<TrackedInstance> tracked;
        lock (_registry)
        {
            tracked = [.. _instances.Values.Where(i => i.Pid != 0)];
        }
        foreach (var instance in tracked)
        {
            if (instance.History.TryGetLatest(out var sample)) instances[instance.Id] = sample;
        }
        lock (_systemGate)
        {
            return new MetricsSnapshot(_latestSystemAt, _latestSystem, instances);
        }
    }

    /// <summary>Samples every <see cref="MetricsSamplerOptions.Interval"/>, the first time at once. A no-op while running.</summary>
    public void Start() => _loop.Start();

    /// <summary>Stops the timer; returns once a cycle in progress has finished.</summary>
    /// <param name="cancellationToken">Stops only the caller's wait.</param>
    public Task StopAsync(CancellationToken cancellationToken = default) => _loop.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Options.Interval, _time);
        try
        {
            do
            {
                DateTimeOffset at;
                try
                {
                    at = SampleNow();
                }
#pragma warning disable CA1031 // An unreadable /proc this time must not end sampling for good.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    _logger.LogError(e, "A metrics sampling cycle failed");
                    continue;
                }
                if (Sampled is { } handlers && LatestSystem is { } system)
                    Deliver(handlers, at, system);
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private void Deliver(Action<DateTimeOffset, SystemMetrics> handlers, DateTimeOffset at, SystemMetrics system)
    {
        foreach (var handler in handlers.GetInvocationList())
        {
            try
            {
                ((Action<DateTimeOffset, SystemMetrics>)handler)(at, system);
            }
#pragma warning disable CA1031 // A subscriber's bug must not stop sampling.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _logger.LogError(e, "A metrics handler failed");
            }
        }
    }
}
