using ServiceManager.Config.Model;
using ServiceManager.Monitoring.Health;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Monitoring;

/// <summary>
/// <c>depends_on</c>: a requested start of an instance waits (in the background, see
/// <see cref="Fleet.WaitForDependencies"/>) until each dependency is running and, if it has a health check, healthy.
/// Checked again on every transition and health change, so a dependant starts as soon as its dependency is ready
/// (and every <see cref="PollInterval"/> on the daemon's clock, as a safety net). Only the start waits: a dependency
/// that stops later leaves its dependants running.
/// </summary>
internal sealed class DependencyGate(Fleet fleet, HealthTracking health, TimeProvider time)
{
    internal static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    // Completed and replaced on every change that could make a dependency ready.
    private TaskCompletionSource _changed = NewSignal();

    public void Start()
    {
        fleet.StateChanged += (_, _) => Signal();
        health.HealthChanged += Signal;
        fleet.WaitForDependencies = WaitAsync;
    }

    /// <summary>The dependencies a waiting instance still waits for; empty when it is not waiting.</summary>
    public IReadOnlyList<string> WaitingFor(InstanceSnapshot snapshot) =>
        fleet.IsWaiting(snapshot.Id) ? NotReady(snapshot.Definition) : [];

    private async Task WaitAsync(InstanceDefinition definition, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Taken before the check, so a change between the check and the wait still wakes it.
            var changed = Volatile.Read(ref _changed).Task;
            if (NotReady(definition).Count == 0) return;
            using var stopPolling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var poll = Task.Delay(PollInterval, time, stopPolling.Token);
            await Task.WhenAny(changed, poll);
            await stopPolling.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private void Signal() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private List<string> NotReady(InstanceDefinition definition) =>
        [.. definition.DependsOn.Where(id => !IsReady(id))];

    private bool IsReady(string id) =>
        fleet.TryResolve(id, out var dependency) && dependency.Id == id
        && dependency.Snapshot is { State: InstanceState.Running } snapshot
        && (snapshot.Definition.Health is null || health.HealthOf(id) == HealthStatusNames.ToText(HealthStatus.Healthy));
}
