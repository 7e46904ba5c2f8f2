using ServiceManager.Config;
using ServiceManager.Config.Model;
using ServiceManager.Daemon.Hosting;
using ServiceManager.Daemon.Persistence;
using ServiceManager.Protocol;

namespace ServiceManager.Daemon.Export;

/// <summary>
/// The fleet as the daemon would run it, read from disk as the daemon reads it at start-up (no daemon needed): the
/// config file's instances, then the run-time ones of <c>state.json</c> (<c>create</c>, <c>start --</c>).
/// </summary>
/// <param name="ConfigText">The config file as written; null when there is none.</param>
/// <param name="ShouldRun">The ids recorded as wished to run (started and not stopped since).</param>
public sealed record ExportedFleet(
    ServicesConfig Config,
    string? ConfigText,
    IReadOnlyList<InstanceDefinition> RunTime,
    IReadOnlySet<string> ShouldRun)
{
    public IEnumerable<InstanceDefinition> Instances => Config.Instances.Concat(RunTime);

    /// <exception cref="ConfigException">The config is invalid.</exception>
    public static ExportedFleet Load(DaemonPaths paths, IReadOnlyDictionary<string, string> environment)
    {
        var persisted = StateFile.Load(paths.StateFile, TimeProvider.System);
        var config = DaemonRunner.LoadConfig(paths.ConfigPath, environment, persisted);
        // As the daemon's start-up: a run-time instance whose id the file took since is dropped; the file wins.
        var fromFile = config.Instances.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var runTime = persisted.RunTime.Where(d => !fromFile.Contains(d.Id)).ToList();
        var text = File.Exists(paths.ConfigPath) ? File.ReadAllText(paths.ConfigPath) : null;
        var shouldRun = persisted.Records.Values.Where(r => r.ShouldRun).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        return new ExportedFleet(config, text, runTime, shouldRun);
    }
}
