using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceManager.Config.Model;
using ServiceManager.Platform.Unix;
using ServiceManager.Protocol;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Hosting;

/// <summary>Builds the fleet with the real spawner; the host disposes both.</summary>
internal static class FleetFactory
{
    public static Fleet Create(DaemonPaths paths, ServicesConfig config, IReadOnlyDictionary<string, string> environment, IServiceProvider services)
    {
        _ = config;
        return new Fleet(
            new FleetOptions(paths.LogsDirectory) { BaseEnvironment = environment },
            services.GetRequiredService<UnixProcessSpawner>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILoggerFactory>());
    }
}
