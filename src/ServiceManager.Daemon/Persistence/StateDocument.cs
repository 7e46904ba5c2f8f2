namespace ServiceManager.Daemon.Persistence;

/// <summary>
/// <c>state.json</c>: what a daemon must know to carry on after a restart or a crash (docs/persistence.md).
/// </summary>
/// <param name="NumericIds">Every id ever numbered, removed ones included, so numbers are never reused.</param>
/// <param name="Instances">Every instance: config ones for their wish to run and their child, run-time ones also
/// with their whole definition.</param>
/// <param name="Cgroups">The daemon's cgroup subtree, where the cgroups of children too young to be recorded are
/// found after a crash; absent without cgroups.</param>
/// <param name="Scales">Replica groups scaled at run time (<c>svcmgr scale</c>), by group; absent when none is.</param>
internal sealed record StateDocument(
    int Version,
    DateTimeOffset SavedAt,
    int DaemonPid,
    IReadOnlyDictionary<string, int> NumericIds,
    IReadOnlyList<InstanceRecord> Instances,
    string? Cgroups = null,
    IReadOnlyDictionary<string, ScaleRecord>? Scales = null)
{
    public const int CurrentVersion = 1;
}
