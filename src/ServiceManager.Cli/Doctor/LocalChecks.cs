using ServiceManager.Config;
using ServiceManager.Daemon.Diagnostics;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Cli.Doctor;

/// <summary>What the daemon would check itself, done by the CLI when no daemon answers.</summary>
internal static class LocalChecks
{
    public static IEnumerable<DoctorCheck> Run(DaemonPaths paths)
    {
        // The daemon loads the file named by --config / SVCMGR_CONFIG / the default, with its own environment, which
        // is this shell's when it is started from here.
        var (config, loaded) = DoctorChecks.Config(paths.ConfigPath, () => ConfigLoader.Load(paths.ConfigPath, ConfigLoader.ProcessEnvironment()), daemonRunning: false);
        yield return config;
        if (loaded is not null) yield return DoctorChecks.PortsOfConfig(loaded);
        yield return DoctorChecks.Orphans(OrphanFinder.Find([], daemonPid: null));
    }
}
