using ServiceManager.Platform.Unix.Cgroups;

namespace ServiceManager.Monitoring.Tests.Support;

/// <summary>A test that reads this process's cgroup v2 directory; skipped where cgroup v2 is not mounted.</summary>
public sealed class CgroupV2FactAttribute : FactAttribute
{
    /// <summary>The directory of the test process's own cgroup; null without cgroup v2.</summary>
    public static string? OwnDirectory { get; } =
        CgroupHierarchy.PathOf(Environment.ProcessId) is { } own ? CgroupHierarchy.Find(own)?.DirectoryOf(own) : null;

    public CgroupV2FactAttribute()
    {
        if (OwnDirectory is null) Skip = "needs cgroup v2 (no cgroup2 mount shows this process's cgroup)";
    }
}
