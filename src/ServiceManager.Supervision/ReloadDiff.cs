namespace ServiceManager.Supervision;

/// <summary>What <see cref="Fleet.ApplyAsync(ServiceManager.Config.Model.ServicesConfig, CancellationToken)"/> did, by instance id (each list sorted).</summary>
public sealed record ReloadDiff(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> Unchanged);
