using System.Reflection;
using ServiceManager.Daemon.Hosting;
using ServiceManager.Daemon.Instances;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Rpc;

/// <summary>What every connection's RPC target shares: the fleet, the config, the clock, and the reload lock.</summary>
internal sealed class RpcTargetServices(Fleet fleet, ConfigStore config, TimeProvider time, FleetCoordinator coordinator)
{
    public Fleet Fleet => fleet;

    /// <summary>Run, create, remove and reload: the changes to which instances exist, one at a time.</summary>
    public FleetCoordinator Coordinator => coordinator;

    public ConfigStore Config => config;

    public TimeProvider Time => time;

    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    public static string Version { get; } =
        typeof(RpcTargetServices).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
