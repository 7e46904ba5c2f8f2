namespace ServiceManager.Supervision;

/// <summary>The result of a start, stop or restart over several instances (ids in numeric-id order).</summary>
/// <param name="Failed">Instances that ended up failed (spawn error) or vanished meanwhile (removed by a reload).</param>
public sealed record FleetOperationResult(
    IReadOnlyList<string> Done,
    IReadOnlyList<string> Unchanged,
    IReadOnlyList<InstanceFailure> Failed)
{
    /// <summary>Stops that needed SIGKILL or left processes running (stop only), by instance id.</summary>
    public IReadOnlyList<(string Id, StopIssue Issue)> StopIssues { get; init; } = [];
}
