using ServiceManager.Platform.Unix;
using ServiceManager.Platform.Unix.Cgroups;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Daemon.Diagnostics;

/// <summary>Matches instances' ports with the machine's listening sockets: who listens, and whether it is the instance.</summary>
public static class PortReport
{
    /// <summary>Reads the listening sockets of the claimed ports from /proc and matches them.</summary>
    public static IReadOnlyList<PortInfo> Scan(IReadOnlyList<PortClaim> claims)
    {
        if (claims.Count == 0) return [];
        var sockets = ProcNetTcp.ListeningSockets(claims.Select(c => c.Port).ToHashSet());
        var hierarchy = claims.Any(c => c.Cgroup is not null) && CgroupHierarchy.PathOf(Environment.ProcessId) is { } own
            ? CgroupHierarchy.Find(own)
            : null;
        return Build(claims, sockets, ProcScan.Live, hierarchy is null ? null : hierarchy.DirectoryOfProcess);
    }

    /// <summary>One row per claim, by port. A listener counts as the instance's when it is in the instance's process
    /// group or session, or in its cgroup; any other listener, or one whose process cannot be seen, is a conflict.</summary>
    /// <param name="cgroupOf">The cgroup directory of a pid; null when there are no cgroups to compare.</param>
    public static IReadOnlyList<PortInfo> Build(
        IReadOnlyList<PortClaim> claims, IReadOnlyList<ListeningSocket> sockets, Func<int, ProcStat?> lookup, Func<int, string?>? cgroupOf = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(sockets);
        ArgumentNullException.ThrowIfNull(lookup);
        var rows = new List<PortInfo>();
        foreach (var claim in claims.OrderBy(c => c.Port).ThenBy(c => c.Instance, StringComparer.Ordinal))
        {
            bool Owned(ListeningSocket s) =>
                claim.Pid is { } group && s.Pid is { } pid
                && (pid == group || lookup(pid) is { } p && (p.ProcessGroup == group || p.Session == group)
                    || claim.Cgroup is { } cgroup && cgroupOf?.Invoke(pid) == cgroup);

            var listeners = sockets.Where(s => s.Port == claim.Port).ToList();
            var own = listeners.FirstOrDefault(Owned);
            var foreign = listeners.FirstOrDefault(s => !Owned(s));
            // A conflict is what the user has to act on, so the foreign holder is the one shown.
            var shown = foreign ?? own;
            rows.Add(new PortInfo(claim.Port, claim.Instance, claim.State, listeners.Count > 0, shown?.Pid, shown?.Command, foreign is not null));
        }
        return rows;
    }
}
