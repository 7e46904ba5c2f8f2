using System.Reflection;
using ServiceManager.Daemon.Hosting;
using ServiceManager.Daemon.Instances;
using ServiceManager.Daemon.Monitoring;
using ServiceManager.Daemon.Scheduling;
using ServiceManager.Monitoring.Metrics;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Rpc;

/// <summary>What every connection's RPC target shares: the fleet, the config, the clock, metrics, health, events, and the reload lock.</summary>
internal sealed class RpcTargetServices(Fleet fleet, ConfigStore config, TimeProvider time, FleetCoordinator coordinator, MetricsSampler metrics, EventHub events, HealthTracking health, DependencyGate dependencies, CronTriggers cron, Containment containment, DaemonStart start, RollingReload rolling)
{
    /// <summary>How children are kept together (cgroups or process groups), for doctor.</summary>
    public Containment Containment => containment;

    /// <summary>Each instance's health, from its health check.</summary>
    public HealthTracking Health => health;

    /// <summary>What a waiting start still waits for (<c>depends_on</c>).</summary>
    public DependencyGate Dependencies => dependencies;

    /// <summary>The next tick of each job's <c>schedule</c> and each <c>cron_restart</c>.</summary>
    public CronTriggers Cron => cron;

    /// <summary>Where <c>events</c> subscriptions get their notifications.</summary>
    public EventHub Events => events;

    /// <summary>The latest CPU and memory of running instances and of the system.</summary>
    public MetricsSampler Metrics => metrics;

    public Fleet Fleet => fleet;

    /// <summary>Run, create, remove and reload: the changes to which instances exist, one at a time.</summary>
    public FleetCoordinator Coordinator => coordinator;

    public ConfigStore Config => config;

    /// <summary><c>rollingRestart</c>: replacement first, then the old process.</summary>
    public RollingReload Rolling => rolling;

    public TimeProvider Time => time;

    /// <summary>When the daemon started; not when this object was made, which is at the first connection.</summary>
    public DateTimeOffset StartedAt => start.At;

    public static string Version { get; } =
        typeof(RpcTargetServices).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
