using ServiceManager.Config.Model;
using ServiceManager.Platform.Unix;
using ServiceManager.Platform.Unix.Cgroups;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Daemon.Diagnostics;

/// <summary>
/// Finds processes that look like lost children of svcmgr: every child gets <c>SVCMGR_INSTANCE</c> in its environment
/// (and its descendants inherit it), and every child is the leader of its own session whose parent is the daemon
/// supervising it. A tagged process is lost when its session belongs to no live instance of the asking daemon and its
/// session leader is gone or is not the child of a running svcmgr daemon (the usual case: the daemon was killed and
/// the child re-parented to pid 1). A process in the cgroup of one of the asking daemon's live children is not lost either.
/// </summary>
public static class OrphanFinder
{
    /// <param name="ownedGroups">The pids (= process group = session) of the asking daemon's live children; empty
    /// when no daemon asks, and then only other daemons' children are spared.</param>
    /// <param name="daemonPid">The asking daemon's pid: its children are never lost, even one spawned a moment ago.</param>
    /// <param name="ownedCgroups">The cgroup directories of the asking daemon's live children: whatever is in them
    /// is supervised (a stop reaches it), even a process that left its child's session.</param>
    public static IReadOnlyList<OrphanInfo> Find(IReadOnlyCollection<int> ownedGroups, int? daemonPid, IReadOnlyCollection<string>? ownedCgroups = null)
    {
        var inOwnedCgroup = OwnedCgroupTest(ownedCgroups);
        var daemons = new Dictionary<int, bool>();
        bool IsDaemon(int pid)
        {
            if (pid == daemonPid) return true;
            if (pid <= 1) return false;
            if (!daemons.TryGetValue(pid, out var known)) daemons[pid] = known = SvcmgrProcess.IsDaemon(pid);
            return known;
        }

        var orphans = new List<OrphanInfo>();
        foreach (var process in ProcScan.WithEnvironmentVariable(ChildVariables.Instance))
        {
            var stat = process.Process;
            // The process asking (a CLI run from inside a service, say) is not lost.
            if (stat.Pid == Environment.ProcessId) continue;
            if (ownedGroups.Contains(stat.Session) || ownedGroups.Contains(stat.ProcessGroup) || inOwnedCgroup(stat.Pid)) continue;
            if (WhyLost(stat, ProcScan.Live, IsDaemon) is not { } reason) continue;
            orphans.Add(new OrphanInfo(stat.Pid, stat.ProcessGroup, process.Command, process.Value.Length == 0 ? null : process.Value, reason));
        }
        return [.. orphans.OrderBy(o => o.ProcessGroup).ThenBy(o => o.Pid)];
    }

    private static Func<int, bool> OwnedCgroupTest(IReadOnlyCollection<string>? ownedCgroups)
    {
        if (ownedCgroups is not { Count: > 0 }
            || CgroupHierarchy.PathOf(Environment.ProcessId) is not { } own || CgroupHierarchy.Find(own) is not { } hierarchy)
            return _ => false;
        return pid => hierarchy.DirectoryOfProcess(pid) is { } directory
            && ownedCgroups.Any(c => directory == c || directory.StartsWith(c + "/", StringComparison.Ordinal));
    }

    /// <summary>Why a tagged process outside the asking daemon's groups is lost; null when another daemon supervises it.</summary>
    internal static string? WhyLost(ProcStat process, Func<int, ProcStat?> lookup, Func<int, bool> isDaemon)
    {
        var leader = process.Session == process.Pid ? process : lookup(process.Session);
        if (leader is null)
            return $"its session leader (pid {process.Session}) is gone, so no daemon supervises it";
        if (isDaemon(leader.ParentPid)) return null;
        return leader.ParentPid <= 1
            ? $"its session leader (pid {leader.Pid}) was re-parented to pid 1: the daemon that started it is gone"
            : $"its session leader (pid {leader.Pid}) is a child of pid {leader.ParentPid}, not of a svcmgr daemon";
    }
}
