using ServiceManager.Config.Model;
using ServiceManager.Monitoring.Health;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Monitoring;

/// <summary>
/// <c>depends_on</c>: a requested start of an instance waits (in the background, see
/// <see cref="Fleet.WaitForDependencies"/>) until each dependency is running and, if it has a health check, healthy.
/// Checked every <see cref="PollInterval"/> on the daemon's clock. Only the start waits: a dependency that stops
/// later leaves its dependants running.
/// </summary>
internal sealed class DependencyGate(Fleet fleet, HealthTracking health, TimeProvider time)
{
    internal static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public void Start() => fleet.WaitForDependencies = WaitAsync;

    /// <summary>The dependencies a waiting instance still waits for; empty when it is not waiting.</summary>
    public IReadOnlyList<string> WaitingFor(InstanceSnapshot snapshot) =>
        fleet.IsWaiting(snapshot.Id) ? NotReady(snapshot.Definition) : [];

    private async Task WaitAsync(InstanceDefinition definition, CancellationToken cancellationToken)
    {
        while (NotReady(definition).Count > 0)
            await Task.Delay(PollInterval, time, cancellationToken);
    }

    private List<string> NotReady(InstanceDefinition definition) =>
        [.. definition.DependsOn.Where(id => !IsReady(id))];

    private bool IsReady(string id) =>
        fleet.TryResolve(id, out var dependency) && dependency.Id == id
        && dependency.Snapshot is { State: InstanceState.Running } snapshot
        && (snapshot.Definition.Health is null || health.HealthOf(id) == HealthStatusNames.ToText(HealthStatus.Healthy));
}
