using System.Reflection;
using ServiceManager.Daemon.Hosting;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Rpc;

/// <summary>What every connection's RPC target shares: the fleet, the config, the clock, and the reload lock.</summary>
internal sealed class RpcTargetServices(Fleet fleet, ConfigStore config, TimeProvider time)
{
    public Fleet Fleet => fleet;

    public ConfigStore Config => config;

    public TimeProvider Time => time;

    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    /// <summary>Reloads run one at a time so two clients cannot interleave validate and apply.</summary>
    public SemaphoreSlim ReloadLock { get; } = new(1, 1);

    public static string Version { get; } =
        typeof(RpcTargetServices).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
