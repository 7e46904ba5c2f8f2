namespace ServiceManager.Supervision;

public sealed partial class Fleet
{
    /// <exception cref="UnknownInstanceException">A name resolves to nothing; nothing was started.</exception>
    public Task<FleetOperationResult> StartAsync(IEnumerable<string> names, CancellationToken cancellationToken = default) =>
        RunAsync(ResolveAll(names), RequestStartAsync, cancellationToken);

    /// <exception cref="UnknownInstanceException">A name resolves to nothing; nothing was stopped.</exception>
    public Task<FleetOperationResult> StopAsync(IEnumerable<string> names, CancellationToken cancellationToken = default) =>
        WithStopIssuesAsync(ResolveAll(names), cancellationToken);

    /// <summary>SIGKILL to each instance's whole group at once, no grace; they stay stopped (<see cref="InstanceSupervisor.KillAsync"/>).</summary>
    /// <exception cref="UnknownInstanceException">A name resolves to nothing; nothing was killed.</exception>
    public Task<FleetOperationResult> KillAsync(IEnumerable<string> names, CancellationToken cancellationToken = default) =>
        WithStopIssuesAsync(ResolveAll(names), cancellationToken, (x, c) => x.KillAsync(c));

    /// <exception cref="UnknownInstanceException">A name resolves to nothing; nothing was restarted.</exception>
    public Task<FleetOperationResult> RestartAsync(IEnumerable<string> names, CancellationToken cancellationToken = default) =>
        RunAsync(ResolveAll(names), (s, ct) => { CancelWait(s.Id); return s.RestartAsync(ct); }, cancellationToken);

    public Task<FleetOperationResult> StartAllAsync(CancellationToken cancellationToken = default) =>
        RunAsync(Supervisors, RequestStartAsync, cancellationToken);

    /// <summary>Stops every instance in parallel; each gets its own stop_timeout.</summary>
    public Task<FleetOperationResult> StopAllAsync(CancellationToken cancellationToken = default) =>
        WithStopIssuesAsync(Supervisors, cancellationToken);

    /// <summary>Stops every child for a daemon shutdown: like <see cref="StopAllAsync"/>, but each instance keeps
    /// <see cref="InstanceSnapshot.ShouldRun"/> (and a start waiting for dependencies, <see cref="WantsToStart"/>), so
    /// the next daemon starts the same ones again.</summary>
    public Task<FleetOperationResult> HaltAllAsync(CancellationToken cancellationToken = default) =>
        RunAsync(Supervisors, (s, ct) => { CancelWait(s.Id, keepWish: true); return s.HaltAsync(ct); }, cancellationToken);

    public Task<FleetOperationResult> RestartAllAsync(CancellationToken cancellationToken = default) =>
        RunAsync(Supervisors, (s, ct) => { CancelWait(s.Id); return s.RestartAsync(ct); }, cancellationToken);

    /// <summary>Stops <paramref name="targets"/> and adds what went wrong with each stop (forced, survivors).</summary>
    /// <param name="stop">How each is stopped; by default <see cref="InstanceSupervisor.StopAsync"/>.</param>
    private async Task<FleetOperationResult> WithStopIssuesAsync(
        IReadOnlyList<InstanceSupervisor> targets, CancellationToken cancellationToken,
        Func<InstanceSupervisor, CancellationToken, Task<OperationOutcome>>? stop = null)
    {
        var result = await RunAsync(targets, (s, ct) => StopCancellingWaitAsync(s, stop ?? ((x, c) => x.StopAsync(c)), ct), cancellationToken);
        var issues = targets
            .Where(s => result.Done.Contains(s.Id) && s.Snapshot.LastStopIssue is not null)
            .Select(s => (s.Id, s.Snapshot.LastStopIssue!))
            .ToList();
        return issues.Count == 0 ? result : result with { StopIssues = issues };
    }

    private static async Task<FleetOperationResult> RunAsync(
        IReadOnlyList<InstanceSupervisor> targets,
        Func<InstanceSupervisor, CancellationToken, Task<OperationOutcome>> operation,
        CancellationToken cancellationToken)
    {
        var outcomes = await Task.WhenAll(targets.Select(async s =>
        {
            try
            {
                return (s.Id, Outcome: await operation(s, cancellationToken), Error: (string?)null);
            }
            catch (ObjectDisposedException)
            {
                return (s.Id, Outcome: OperationOutcome.Failed, Error: "instance was removed");
            }
        }));

        return new FleetOperationResult(
            [.. outcomes.Where(o => o.Outcome == OperationOutcome.Done).Select(o => o.Id)],
            [.. outcomes.Where(o => o.Outcome == OperationOutcome.Unchanged).Select(o => o.Id)],
            [.. outcomes.Where(o => o.Outcome == OperationOutcome.Failed)
                .Select(o => new InstanceFailure(o.Id, o.Error ?? ErrorOf(targets, o.Id)))]);
    }

    private static string ErrorOf(IReadOnlyList<InstanceSupervisor> targets, string id) =>
        targets.First(s => s.Id == id).Snapshot.LastError ?? "failed";
}
