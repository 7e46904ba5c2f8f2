using Microsoft.Extensions.Logging;
using ServiceManager.Monitoring.Health;
using ServiceManager.Platform;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Monitoring;

/// <summary>
/// Runs a <see cref="HealthMonitor"/> for each instance with a <c>health_endpoint</c> while it is running: a fresh one
/// per child (health starts as unknown with every run), stopped when the child leaves running or the instance is
/// removed. Declared changes become <c>health_changed</c> events; with <c>restart_on_unhealthy</c>, "unhealthy" restarts
/// the instance.
/// </summary>
/// <remarks>Like <see cref="MetricsTracking"/>, each event only makes it look at the fleet as it is now, because the
/// events of an instance replaced by a reload may arrive after its successor's.</remarks>
internal sealed class HealthTracking(Fleet fleet, HealthProbeFactory probes, TimeProvider time, EventHub events, ILoggerFactory loggers)
    : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (HealthMonitor Monitor, int Pid)> _monitors = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggers.CreateLogger("health");
    private readonly List<Task> _stopping = [];
    private bool _started;
    private bool _disposed;

    public void Start()
    {
        lock (_gate)
        {
            if (_started) return;
            _started = true;
        }
        fleet.StateChanged += (snapshot, _) => Reconcile(snapshot.Id);
        fleet.MembersChanged += ReconcileAll;
        ReconcileAll();
    }

    /// <summary>Some instance's health changed (as <see cref="HealthOf"/> now says).</summary>
    public event Action? HealthChanged;

    /// <summary>The wire spelling of an instance's health: "unknown" without a check or before its first verdict.</summary>
    public string HealthOf(string id)
    {
        lock (_gate)
        {
            return HealthStatusNames.ToText(_monitors.TryGetValue(id, out var entry) ? entry.Monitor.Status : HealthStatus.Unknown);
        }
    }

    private void ReconcileAll()
    {
        var current = fleet.Supervisors;
        lock (_gate)
        {
            var present = current.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in _monitors.Keys.Where(id => !present.Contains(id)).ToList()) Stop(gone);
            foreach (var supervisor in current) Apply(supervisor.Id, supervisor);
        }
    }

    private void Reconcile(string id)
    {
        lock (_gate)
        {
            Apply(id, fleet.TryResolve(id, out var supervisor) && supervisor.Id == id ? supervisor : null);
        }
    }

    private void Apply(string id, InstanceSupervisor? supervisor)
    {
        if (_disposed) return;
        var snapshot = supervisor?.Snapshot;
        var pid = snapshot is { State: InstanceState.Running, Pid: { } running, Definition.Health: not null } ? running : 0;
        var known = _monitors.TryGetValue(id, out var entry);
        if (known && entry.Pid == pid) return;
        if (known) Stop(id);
        if (pid == 0) return;

        var health = snapshot!.Definition.Health!;
        IHealthProbe probe;
        try
        {
            var child = supervisor!.ChildSpawnRequest();
            probe = probes.Create(health.Endpoint, child.Environment, child.WorkingDirectory);
        }
        catch (Exception ex) when (ex is ArgumentException or SpawnException)
        {
            _logger.LogError(ex, "Instance {Instance}: cannot check health at {Endpoint}", id, health.Endpoint);
            return;
        }
        var monitor = new HealthMonitor(id, probe, health, time, logger: _logger);
        monitor.HealthChanged += change => events.Publish(new EventNotification(
            "", EventTypes.HealthChanged, change.At, id, HealthStatusNames.ToText(change.Old),
            HealthStatusNames.ToText(change.New), change.Reason));
        monitor.HealthChanged += _ => HealthChanged?.Invoke();
        if (health.RestartOnUnhealthy)
        {
            var target = supervisor!;
            monitor.HealthChanged += change =>
            {
                if (change.New == HealthStatus.Unhealthy) _ = RestartUnhealthyAsync(target, pid, change.Reason);
            };
        }
        _monitors[id] = (monitor, pid);
        monitor.Start();
    }

    /// <summary><c>restart_on_unhealthy</c>: off the monitor's loop, which the restart stops.</summary>
    private async Task RestartUnhealthyAsync(InstanceSupervisor supervisor, int pid, string reason)
    {
        // The verdict is about this child while it runs: one replaced or being stopped (a shutdown) is left alone.
        if (supervisor.Snapshot is not { State: InstanceState.Running } snapshot || snapshot.Pid != pid) return;
        try
        {
            await supervisor.RestartAsync($"health check failed: {reason}");
        }
        catch (ObjectDisposedException)
        {
            // Removed meanwhile.
        }
    }

    private void Stop(string id)
    {
        if (!_monitors.Remove(id, out var entry)) return;
        _stopping.RemoveAll(t => t.IsCompleted);
        _stopping.Add(entry.Monitor.DisposeAsync().AsTask());
    }

    public async ValueTask DisposeAsync()
    {
        Task[] stopping;
        lock (_gate)
        {
            _disposed = true;
            foreach (var id in _monitors.Keys.ToList()) Stop(id);
            stopping = [.. _stopping];
        }
        await Task.WhenAll(stopping);
    }
}
