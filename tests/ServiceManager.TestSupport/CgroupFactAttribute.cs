using ServiceManager.Platform.Unix.Cgroups;

namespace ServiceManager.TestSupport;

/// <summary>
/// A test that needs cgroup v2 write access (root, or a cgroup delegated to the test process), as svcmgr's cgroup mode
/// does; skipped with the reason where it is missing. CI runs as root on a machine where it is there.
/// </summary>
public sealed class CgroupFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Unavailable = new(() =>
    {
        var state = Directory.CreateTempSubdirectory("svcmgr-cgroup-probe-").FullName;
        try
        {
            var containment = CgroupContainment.TryCreate(state, out var reason);
            containment?.Root.TryRemove();
            return reason;
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    });

    public CgroupFactAttribute()
    {
        if (Unavailable.Value is { } reason) Skip = $"needs write access to cgroup v2: {reason}";
    }
}
