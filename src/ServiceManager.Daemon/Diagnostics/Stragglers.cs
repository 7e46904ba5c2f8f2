using ServiceManager.Config.Model;
using ServiceManager.Daemon.Persistence;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Daemon.Diagnostics;

/// <summary>
/// Processes of one instance of this daemon that still run, found by what every child and its descendants inherit:
/// <c>SVCMGR_INSTANCE</c> (the instance) and <c>SVCMGR_STATE_DIR</c> (the daemon). Asked after a stop, when the
/// child's process group is gone: whatever is found left the group (setsid) and no group signal reaches it. A
/// process that cleared its environment is not found.
/// </summary>
internal static class Stragglers
{
    public static IReadOnlyList<(int Pid, string Command)> Find(string instanceId, string stateDirectory)
    {
        var marker = Path.GetFullPath(stateDirectory);
        return
        [
            .. ProcScan.WithEnvironmentVariable(ChildVariables.Instance)
                .Where(p => p.Value == instanceId && ProcScan.EnvironmentValue(p.Process.Pid, DaemonMarker.Variable) == marker)
                .OrderBy(p => p.Process.Pid)
                .Select(p => (p.Process.Pid, p.Command.Length > 60 ? p.Command[..57] + "..." : p.Command)),
        ];
    }
}
