using ServiceManager.Config.Model;
using ServiceManager.Monitoring.Health;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Monitoring;

/// <summary>
/// <c>depends_on</c>: a requested start of an instance waits (in the background, see <see cref="IDependencyGate"/>)
/// until each dependency is running and, if it has a health check, healthy. Checked again on every transition and
/// health change, so a dependant starts as soon as its dependency is ready (and every <see cref="PollInterval"/> on the
/// daemon's clock, as a safety net). Only the start waits: a dependency that stops later leaves its dependants running.
/// </summary>
/// <remarks>The fleet is built with this gate, so the gate cannot be built with the fleet: it is given the fleet and
/// the health it watches by <see cref="Start"/>, before the fleet starts anything.</remarks>
internal sealed class DependencyGate(TimeProvider time) : IDependencyGate
{
    internal static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private Watched? _watched;

    // Completed and replaced on every change that could make a dependency ready.
    private TaskCompletionSource _changed = NewSignal();

    private sealed record Watched(Fleet Fleet, HealthTracking Health);

    public void Start(Fleet fleet, HealthTracking health)
    {
        fleet.StateChanged += (_, _) => Signal();
        health.HealthChanged += Signal;
        Volatile.Write(ref _watched, new Watched(fleet, health));
    }

    /// <summary>The dependencies a waiting instance still waits for; empty when it is not waiting.</summary>
    public IReadOnlyList<string> WaitingFor(InstanceSnapshot snapshot) =>
        Volatile.Read(ref _watched) is { } watched && watched.Fleet.IsWaiting(snapshot.Id) ? NotReady(watched, snapshot.Definition) : [];

    public async Task WaitAsync(InstanceDefinition definition, CancellationToken cancellationToken)
    {
        var watched = Volatile.Read(ref _watched) ?? throw new InvalidOperationException("the dependency gate is not started");
        while (true)
        {
            // Taken before the check, so a change between the check and the wait still wakes it.
            var changed = Volatile.Read(ref _changed).Task;
            if (NotReady(watched, definition).Count == 0) return;
            using var stopPolling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var poll = Task.Delay(PollInterval, time, stopPolling.Token);
            await Task.WhenAny(changed, poll);
            await stopPolling.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private void Signal() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static List<string> NotReady(Watched watched, InstanceDefinition definition) =>
        [.. definition.DependsOn.Where(d => !IsReady(watched, d.Name)).Select(d => d.Name)];

    private static bool IsReady(Watched watched, string id) =>
        watched.Fleet.TryResolve(id, out var dependency) && dependency.Id == id
        && dependency.Snapshot is { State: InstanceState.Running } snapshot
        && (snapshot.Definition.Health is null || watched.Health.HealthOf(id) == HealthStatus.Healthy);
}
