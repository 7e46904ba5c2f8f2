using ServiceManager.Config;
using ServiceManager.Config.Model;
using ServiceManager.Daemon.Diagnostics;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Daemon.Host.Doctor;

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
        var containment = Containment(paths, loaded?.Daemon.Cgroups ?? CgroupMode.Auto);
        yield return DoctorChecks.Containment(containment, daemonRunning: false);
        yield return DoctorChecks.Spawner(containment, daemonRunning: false);
    }

    /// <summary>What a daemon started from here would use, found the way it would find it (a trial join included);
    /// the subtree the trial needed goes again unless an earlier daemon's leaves are in it.</summary>
    private static Daemon.Hosting.Containment Containment(DaemonPaths paths, CgroupMode mode)
    {
        var containment = Hosting.Containment.SetUp(mode, paths.StateDirectory);
        containment.Cgroups?.Root.TryRemove(withChildren: false);
        return containment;
    }
}
