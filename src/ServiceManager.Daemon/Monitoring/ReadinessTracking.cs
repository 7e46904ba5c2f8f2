using ServiceManager.Monitoring.Health;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Monitoring;

/// <summary>
/// The readiness of each instance's current run (<see cref="InstanceReadiness"/>: started, healthy, log-ready,
/// completed and how) with the live health verdict, and <see cref="Changed"/> whenever any of it may have changed. What
/// <c>depends_on</c> waits on; anything else that must know when a run is ready (a rolling reload) asks here too.
/// </summary>
internal sealed class ReadinessTracking(Fleet fleet, HealthTracking health)
{
    private int _started;

    /// <summary>Some instance's readiness may have changed: a transition, a ready line, a health verdict.</summary>
    public event Action? Changed;

    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1) return;
        fleet.StateChanged += (_, _) => Changed?.Invoke();
        fleet.LogReady += _ => Changed?.Invoke();
        health.HealthChanged += () => Changed?.Invoke();
    }

    public InstanceReadiness Of(InstanceSnapshot snapshot) =>
        new(snapshot, snapshot.Definition.Health is null ? null : health.HealthOf(snapshot.Id) == HealthStatus.Healthy);

    /// <summary>The readiness of the instance with exactly this id; null when there is none.</summary>
    public InstanceReadiness? Of(string id) =>
        fleet.TryResolve(id, out var supervisor) && supervisor.Id == id ? Of(supervisor.Snapshot) : null;
}
