using ServiceManager.Platform.Unix.Cgroups;

namespace ServiceManager.Platform.Unix;

/// <summary><see cref="IProcessLocator"/> from /proc: the stat lines up the parent chain, the cgroup, the TCP tables.</summary>
public sealed class ProcProcessLocator : IProcessLocator
{
    /// <summary>Bounds the walk up the parent chain (a chain is rarely deeper than a dozen).</summary>
    private const int MaxDepth = 256;

    public ProcessPlace? Locate(int pid)
    {
        if (pid <= 0 || ProcScan.Live(pid) is not { } stat) return null;
        var ancestors = new List<int>();
        for (var parent = stat.ParentPid; parent > 1 && ancestors.Count < MaxDepth; parent = ProcStat.Read(parent)?.ParentPid ?? 0)
            ancestors.Add(parent);
        var cgroup = CgroupHierarchy.PathOf(pid) is { } path ? CgroupHierarchy.Find(path)?.DirectoryOf(path) : null;
        return new ProcessPlace(pid, stat.ProcessGroup, stat.Session, ancestors, cgroup);
    }

    public IReadOnlyList<int> ListenersOn(int port) =>
        [.. ProcNetTcp.ListeningSockets(new HashSet<int> { port }).Select(s => s.Pid).OfType<int>().Distinct()];
}
