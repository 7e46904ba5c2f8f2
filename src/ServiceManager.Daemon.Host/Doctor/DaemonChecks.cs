using System.Net.Sockets;
using ServiceManager.Platform.Unix;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;
using ServiceManager.Text;

namespace ServiceManager.Daemon.Host.Doctor;

/// <summary>Is a daemon there, and did one die without cleaning up (socket file nobody listens on, unlocked pidfile)?</summary>
internal static class DaemonChecks
{
    private const string StartHint = "start it with `svcmgr daemon` (in the background: `nohup svcmgr daemon >/dev/null 2>&1 &`)";
    private const string TakeOverHint = "`svcmgr daemon` replaces it when it starts; or delete the file. Then look for children the dead daemon left: `svcmgr doctor orphans`";

    public static IEnumerable<DoctorCheck> Run(DaemonPaths paths, DaemonProbe probe)
    {
        yield return Daemon(paths, probe);
        yield return Socket(paths, probe);
        yield return PidFile(paths, probe, PidFileState.Probe(paths.PidFile));
    }

    private static DoctorCheck Daemon(DaemonPaths paths, DaemonProbe probe)
    {
        const string name = "daemon";
        if (probe.Ping is { } ping)
            return CheckStatus.Passed(name, $"running: pid {ping.Pid}, version {ping.Version}, up {HumanText.Duration(ping.UptimeMs)}");
        if (probe.Silent)
            return CheckStatus.Failed(name, $"something accepts connections on {paths.SocketPath} but does not answer: {probe.Error}",
                "a hung daemon, or a socket that is not svcmgr's: find it with `ss -xlp`, stop it, then start `svcmgr daemon`");
        return CheckStatus.Warning(name, $"not running (nothing answers on {paths.SocketPath})", StartHint);
    }

    private static DoctorCheck Socket(DaemonPaths paths, DaemonProbe probe)
    {
        const string name = "socket";
        var path = paths.SocketPath;
        if (probe.Ping is not null || probe.Silent)
        {
            var mode = File.GetUnixFileMode(path);
            return (mode & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite)) == 0
                ? CheckStatus.Passed(name, $"{path} (mode {PathChecks.Octal(mode)}) answers")
                : CheckStatus.Warning(name, $"{path} has mode {PathChecks.Octal(mode)}, not 0600 (the daemon still refuses other users)",
                    $"`chmod 600 {path}`, or restart the daemon, which binds it 0600");
        }
        if (!File.Exists(path))
            return CheckStatus.Passed(name, $"no socket at {path} (no daemon; nothing stale)");
        if (probe.SocketError is SocketError.AccessDenied)
            return CheckStatus.Failed(name, $"{path} may not be opened: {probe.Error}", "the socket belongs to another user; use your own SVCMGR_HOME or --socket");
        return CheckStatus.Failed(name, $"stale socket {path}: the file is there but nothing listens ({probe.Error}); the daemon that made it died", TakeOverHint);
    }

    private static DoctorCheck PidFile(DaemonPaths paths, DaemonProbe probe, PidFileState state)
    {
        const string name = "pidfile";
        var path = paths.PidFile;
        if (probe.Ping is { } ping)
        {
            if (state is { Exists: true, Locked: true })
                return CheckStatus.Passed(name, $"{path} is held by the running daemon (pid {ping.Pid})");
            return CheckStatus.Warning(name, state.Exists
                    ? $"the daemon (pid {ping.Pid}) answers, but nobody holds the lock on {path}"
                    : $"the daemon (pid {ping.Pid}) answers, but {path} is missing",
                "it was started with another SVCMGR_HOME or XDG_RUNTIME_DIR than this shell, or the file was deleted; restart it from here to fix");
        }
        if (!state.Exists) return CheckStatus.Passed(name, $"no pidfile at {path} (no daemon; nothing stale)");
        if (state.Locked)
            return CheckStatus.Failed(name, $"a running process holds {path}, but no daemon answers on {paths.SocketPath}",
                "the daemon is starting, hung, or listening on another socket (--socket / SVCMGR_SOCKET); look with `ps -ef | grep 'svcmgr.*daemon'`");
        var who = state.Pid is not { } pid ? "names no pid"
            : ProcScan.Live(pid) is null ? $"names pid {pid}, which is gone"
            : $"names pid {pid}, which is alive but not holding it (a recycled pid, not a daemon)";
        return CheckStatus.Failed(name, $"stale pidfile {path}: {who}; the daemon that wrote it was killed", TakeOverHint);
    }
}
