using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceManager.Config.Model;

namespace ServiceManager.Monitoring.Health;

/// <summary>
/// Probes one instance's health endpoint every <see cref="HealthCheckSettings.Interval"/> while started, and declares
/// changes once enough consecutive results agree (<see cref="HealthMonitorOptions"/>).
/// </summary>
/// <remarks>
/// One loop per run, so at most one probe is ever in flight: the next probe is scheduled an interval after the previous
/// one <em>finished</em> (as Docker does), and a probe that hangs is cut off at
/// <see cref="HealthCheckSettings.Timeout"/> and counts as a failure. All timing goes through the injected
/// <see cref="TimeProvider"/>.
/// </remarks>
public sealed partial class HealthMonitor : IAsyncDisposable
{
    private readonly IHealthProbe _probe;
    private readonly HealthCheckSettings _settings;
    private readonly HealthMonitorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly RestartableLoop _loop;
    private bool _disposed;
    private volatile HealthSnapshot _snapshot = HealthSnapshot.Initial;

    public HealthMonitor(
        string instanceId,
        IHealthProbe probe,
        HealthCheckSettings settings,
        TimeProvider time,
        HealthMonitorOptions? options = null,
        ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.Interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.Timeout, TimeSpan.Zero);
        options ??= HealthMonitorOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.HealthyThreshold, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.UnhealthyThreshold, 1);
        InstanceId = instanceId;
        _probe = probe;
        _settings = settings;
        _options = options;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _loop = new RestartableLoop(RunAsync);
    }

    public string InstanceId { get; }

    public string Endpoint => _probe.Endpoint;

    /// <summary>The latest state: <see cref="HealthStatus.Unknown"/> before the first verdict and after a stop.</summary>
    public HealthSnapshot Snapshot => _snapshot;

    public HealthStatus Status => _snapshot.Status;

    /// <summary>Failed checks in a row, for <c>restart_on_unhealthy</c>.</summary>
    public int ConsecutiveFailures => _snapshot.ConsecutiveFailures;

    public bool IsRunning
    {
        get
        {
            return _loop.IsRunning;
        }
    }

    /// <summary>
    /// Raised on the monitor's loop when the status changes, including back to unknown when the monitor stops.
    /// The next probe waits for the handlers: keep them quick. Exceptions are logged and swallowed.
    /// </summary>
    public event Action<HealthChange>? HealthChanged;

    /// <summary>Raised on the monitor's loop after every probe with the new snapshot (before any
    /// <see cref="HealthChanged"/> it causes). Same rules as <see cref="HealthChanged"/>.</summary>
    public event Action<HealthSnapshot>? Checked;

    /// <summary>Starts probing (with the instance). A no-op while running. After a stop, the new run begins only once
    /// the previous one has wound down, so two runs never overlap either.</summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _loop.Start();
        }
    }

    /// <summary>Stops probing (with the instance): cancels a probe in flight (an exec probe's group is killed) and
    /// returns once the loop has ended and the status is back to unknown.</summary>
    /// <param name="cancellationToken">Stops only the caller's wait, never the stop itself.</param>
    public Task StopAsync(CancellationToken cancellationToken = default) => _loop.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposed = true;
        }
        await StopAsync();
    }
}
