using ServiceManager.Monitoring.Metrics;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Monitoring;

/// <summary>
/// <c>max_memory</c>: after every sampling cycle, feeds each running instance's fresh sample to its
/// <see cref="MemoryLimit"/> and restarts the instance on a verdict, with the verdict's reason in its transitions.
/// </summary>
/// <remarks>Runs only on the sampler's thread (<see cref="MetricsSampler.Sampled"/>), so its state needs no lock.</remarks>
internal sealed class MemoryEnforcement(Fleet fleet, MetricsSampler sampler)
{
    private readonly Dictionary<string, Run> _runs = new(StringComparer.Ordinal);
    private int _started;

    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1) return;
        sampler.Sampled += (at, _) => Enforce(at);
    }

    private void Enforce(DateTimeOffset at)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var supervisor in fleet.Supervisors)
        {
            var snapshot = supervisor.Snapshot;
            if (snapshot is not { State: InstanceState.Running, Pid: { } pid, Definition.MaxMemoryBytes: { } max }) continue;
            // Only this cycle's sample: an older one may belong to the previous child.
            if (!sampler.TryGetLatest(snapshot.Id, out var sample) || sample.At != at) continue;
            seen.Add(snapshot.Id);

            // A new child or a new limit (reload) counts afresh.
            if (!_runs.TryGetValue(snapshot.Id, out var run) || run.Pid != pid || run.Limit.MaxBytes != max)
                _runs[snapshot.Id] = run = new Run(pid, new MemoryLimit(max));
            if (run.Acted) continue;
            if (run.Limit.Observe(sample.Metrics) is not { } verdict) continue;

            _runs[snapshot.Id] = run with { Acted = true };
            _ = RestartAsync(supervisor, pid, verdict.Reason);
        }
        foreach (var gone in _runs.Keys.Where(id => !seen.Contains(id)).ToList()) _runs.Remove(gone);
    }

    private static async Task RestartAsync(InstanceSupervisor supervisor, int pid, string reason)
    {
        // Only the child the verdict is about, while it runs: not one being stopped by a shutdown.
        if (supervisor.Snapshot is not { State: InstanceState.Running } snapshot || snapshot.Pid != pid) return;
        try
        {
            await supervisor.RestartAsync(reason);
        }
        catch (ObjectDisposedException)
        {
            // Removed meanwhile.
        }
    }

    private sealed record Run(int Pid, MemoryLimit Limit, bool Acted = false);
}
