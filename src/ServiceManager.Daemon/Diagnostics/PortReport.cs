using ServiceManager.Platform.Unix;
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
        return Build(claims, sockets, ProcScan.Live);
    }

    /// <summary>One row per claim, by port. A listener counts as the instance's when it is in the instance's process
    /// group or session; any other listener, or one whose process cannot be seen, is a conflict.</summary>
    public static IReadOnlyList<PortInfo> Build(IReadOnlyList<PortClaim> claims, IReadOnlyList<ListeningSocket> sockets, Func<int, ProcStat?> lookup)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(sockets);
        ArgumentNullException.ThrowIfNull(lookup);
        var rows = new List<PortInfo>();
        foreach (var claim in claims.OrderBy(c => c.Port).ThenBy(c => c.Instance, StringComparer.Ordinal))
        {
            bool Owned(ListeningSocket s) =>
                claim.Pid is { } group && s.Pid is { } pid
                && (pid == group || lookup(pid) is { } p && (p.ProcessGroup == group || p.Session == group));

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
