using ServiceManager.Monitoring.Metrics;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Monitoring;

/// <summary>
/// Keeps the sampler's tracked set in step with the fleet: an instance is sampled while it runs, untracked when it
/// leaves running, and forgotten (history too) once removed.
/// </summary>
/// <remarks>
/// Events of different supervisors arrive on different dispatchers, so after a reload that replaced an instance the
/// old child's "stopping" may arrive after the new child's "running". Each event therefore only triggers a look at
/// the fleet as it is now, and the sampler is told about a change only: re-tracking the same pid would restart its
/// CPU rate.
/// </remarks>
internal sealed class MetricsTracking(Fleet fleet, MetricsSampler sampler)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _trackedPids = new(StringComparer.Ordinal);
    private bool _started;

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
        sampler.Start();
    }

    private void ReconcileAll()
    {
        var current = fleet.List();
        lock (_gate)
        {
            var present = current.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in _trackedPids.Keys.Where(id => !present.Contains(id)).ToList())
            {
                _trackedPids.Remove(gone);
                sampler.Forget(gone);
            }
            foreach (var snapshot in current) Apply(snapshot.Id, snapshot);
        }
    }

    private void Reconcile(string id)
    {
        lock (_gate)
        {
            // A removed instance's late events must not bring it back.
            Apply(id, fleet.TryResolve(id, out var supervisor) && supervisor.Id == id ? supervisor.Snapshot : null);
        }
    }

    private void Apply(string id, InstanceSnapshot? snapshot)
    {
        var pid = snapshot is { State: InstanceState.Running, Pid: { } running } ? running : 0;
        var cgroup = pid == 0 ? null : snapshot!.ChildCgroup;
        var known = _trackedPids.TryGetValue(id, out var tracked);
        if (snapshot is null)
        {
            if (!known) return;
            _trackedPids.Remove(id);
            sampler.Forget(id);
            return;
        }
        if (known && tracked == pid) return;
        _trackedPids[id] = pid;
        if (pid == 0) sampler.Untrack(id);
        else sampler.Track(id, pid, cgroup);
    }
}
