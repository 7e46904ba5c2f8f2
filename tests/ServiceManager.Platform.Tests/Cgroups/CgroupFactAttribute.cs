using ServiceManager.Platform.Unix.Cgroups;

namespace ServiceManager.Platform.Tests.Cgroups;

/// <summary>A test that needs cgroup v2 write access (root, or a delegated subtree); skipped with the reason otherwise.</summary>
public sealed class CgroupFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Unavailable = new(() =>
    {
        using var state = new TempDirectory();
        var containment = CgroupContainment.TryCreate(state.Path, out var reason);
        containment?.Root.TryRemove();
        return reason;
    });

    public CgroupFactAttribute()
    {
        if (Unavailable.Value is { } reason) Skip = $"needs write access to cgroup v2: {reason}";
    }
}
