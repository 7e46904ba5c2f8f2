using ServiceManager.Config.Model;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Monitoring;

/// <summary>
/// <c>depends_on</c>: a requested start of an instance waits (in the background, see <see cref="IDependencyGate"/>)
/// until each dependency meets its condition (<see cref="InstanceReadiness.Check"/>: a bare name means running and, with
/// a health check, healthy). Checked again whenever readiness may have changed, and every <see cref="PollInterval"/> on
/// the daemon's clock as a safety net. Only the start waits: a dependency that stops later leaves its dependants
/// running. A dependency that can never meet its condition (failed, completed with an error) leaves the dependant
/// waiting, with the reason in <see cref="WaitingFor"/>, until someone starts that dependency again.
/// </summary>
/// <remarks>The fleet is built with this gate, so the gate cannot be built with the fleet: it is given the fleet and
/// the readiness it watches by <see cref="Start"/>, before the fleet starts anything.</remarks>
internal sealed class DependencyGate(TimeProvider time) : IDependencyGate
{
    internal static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private Watched? _watched;

    // Completed and replaced on every change that could make a dependency ready.
    private TaskCompletionSource _changed = NewSignal();

    private sealed record Watched(Fleet Fleet, ReadinessTracking Readiness);

    public void Start(Fleet fleet, ReadinessTracking readiness)
    {
        readiness.Changed += Signal;
        Volatile.Write(ref _watched, new Watched(fleet, readiness));
    }

    /// <summary>The dependencies a waiting instance still waits for, with why; empty when it is not waiting.</summary>
    public IReadOnlyList<DependencyWait> WaitingFor(InstanceSnapshot snapshot) =>
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

    private static List<DependencyWait> NotReady(Watched watched, InstanceDefinition definition) =>
    [
        .. definition.DependsOn
            .Select(d => new DependencyWait(d, watched.Readiness.Of(d.Name)?.Check(d.Condition) ?? DependencyCheck.Blocked("no such instance")))
            .Where(w => !w.Check.Met),
    ];
}
