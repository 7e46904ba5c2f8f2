namespace ServiceManager.Supervision;

/// <summary>What <see cref="Fleet.ApplyAsync"/> did, by instance id (each list sorted).</summary>
public sealed record ReloadDiff(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> Unchanged);
