using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceManager.Daemon.Diagnostics;
using ServiceManager.Daemon.Monitoring;
using ServiceManager.Daemon.Persistence;
using ServiceManager.Platform.Unix;
using ServiceManager.Protocol;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Hosting;

/// <summary>Builds the fleet with the real spawner, the <c>depends_on</c> gate and the numeric ids of the previous
/// daemon; the host disposes both.</summary>
internal static class FleetFactory
{
    public static Fleet Create(DaemonPaths paths, PersistedState persisted, IReadOnlyDictionary<string, string> environment, IServiceProvider services) =>
        new(
            new FleetOptions(paths.LogsDirectory)
            {
                BaseEnvironment = DaemonMarker.Add(environment, paths.StateDirectory),
                NumericIds = persisted.NumericIds,
                FindStragglers = id => Stragglers.Find(id, paths.StateDirectory),
                Processes = new ProcProcessLocator(),
                Dependencies = services.GetRequiredService<DependencyGate>(),
            },
            services.GetRequiredService<UnixProcessSpawner>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILoggerFactory>());
}
