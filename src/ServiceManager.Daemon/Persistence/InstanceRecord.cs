namespace ServiceManager.Daemon.Persistence;

/// <summary>One instance in <c>state.json</c>.</summary>
/// <param name="Origin"><c>config</c>, <c>created</c> (svcmgr create) or <c>run</c> (svcmgr start -- CMD).</param>
/// <param name="ShouldRun">Whether the user wants it running; a daemon shutdown does not change it.</param>
/// <param name="Child">The child running when the file was written, if any.</param>
/// <param name="Definition">Run-time instances only: everything needed to create them again.</param>
internal sealed record InstanceRecord(
    string Id,
    int NumericId,
    string Origin,
    bool ShouldRun,
    ChildRecord? Child,
    DefinitionRecord? Definition);
