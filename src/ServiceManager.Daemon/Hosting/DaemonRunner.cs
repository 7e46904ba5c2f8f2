using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using ServiceManager.Config;
using ServiceManager.Daemon.Instances;
using ServiceManager.Daemon.Monitoring;
using ServiceManager.Daemon.Persistence;
using ServiceManager.Daemon.Rpc;
using ServiceManager.Daemon.Scheduling;
using ServiceManager.Daemon.Watching;
using ServiceManager.Monitoring.Health;
using ServiceManager.Monitoring.Metrics;
using ServiceManager.Platform.Unix;
using ServiceManager.Protocol;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Hosting;

/// <summary>
/// <c>svcmgr daemon</c>: takes the pidfile lock, loads the config, then runs the generic host (socket listener and
/// fleet) until SIGTERM/SIGINT, when every child is stopped within its grace before the process exits.
/// </summary>
public static class DaemonRunner
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static async Task<int> RunAsync(DaemonPaths paths, CancellationToken cancellationToken)
    {
        var start = new DaemonStart(TimeProvider.System.GetUtcNow());
        // First: SIGHUP's default action would end a daemon that is still starting (docs/supervision.md).
        using var sighup = new ReloadSignal();
        EnsurePrivateDirectory(paths.StateDirectory);
        EnsurePrivateDirectory(paths.RuntimeDirectory);

        using var pidFile = PidFileLock.TryAcquire(paths.PidFile);
        if (pidFile is null)
        {
            var holder = PidFileLock.ReadHolder(paths.PidFile) ?? await RunningDaemon.PidAsync(paths.SocketPath);
            await Console.Error.WriteLineAsync(
                $"svcmgr: another daemon{(holder is { } pid ? $" (pid {pid})" : "")} is already running for {paths.RuntimeDirectory}; " +
                "stop it first, or use another SVCMGR_HOME");
            return 1;
        }

        // Read once and removed, as sd_notify(unset_environment) does: children must not take systemd's socket for theirs.
        var notify = NotifySocket.From(Environment.GetEnvironmentVariable(NotifySocket.Variable));
        Environment.SetEnvironmentVariable(NotifySocket.Variable, null);
        var environment = DaemonEnvironment.Capture();
        // The state first: the config must keep clear of the ids and ports of instances created at run time.
        var persisted = StateFile.Load(paths.StateFile, TimeProvider.System);
        Config.Model.ServicesConfig config;
        try
        {
            config = LoadConfig(paths.ConfigPath, environment, persisted);
        }
        catch (ConfigException ex)
        {
            await Console.Error.WriteLineAsync($"svcmgr: invalid config {paths.ConfigPath}:\n{ex.Message}");
            return 3;
        }

        using var logger = DaemonLogging.Create(paths);
        // Decided once, before anything is spawned: a child's cgroup is chosen at its spawn.
        var containment = Containment.SetUp(config.Daemon.Cgroups, paths.StateDirectory);
        logger.Information("containment: {Containment}", containment.Description);
        logger.Information("spawner: {Spawner}", SpawnerDescription.Describe(containment.Cgroups is not null));
        var host = BuildHost(paths, config, environment, persisted, containment, logger, start, notify, sighup);
        try
        {
            await host.RunAsync(cancellationToken);
            return 0;
        }
        finally
        {
            if (host is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
            else host.Dispose();
        }
    }

    /// <summary>
    /// With the run-time instances reserved; if the file clashes with them (edited while the daemon was down), the
    /// file wins and the clashing run-time instances are dropped at start-up (with a warning) rather than refusing
    /// to start.
    /// </summary>
    internal static Config.Model.ServicesConfig LoadConfig(string path, IReadOnlyDictionary<string, string> environment, PersistedState persisted)
    {
        try
        {
            return ConfigStore.Load(path, environment, persisted.Reserved, persisted.Scales);
        }
        catch (ConfigException) when (persisted.RunTime.Count > 0 || persisted.Scales.Count > 0)
        {
            return ConfigLoader.Load(path, environment);
        }
    }

    private static IHost BuildHost(
        DaemonPaths paths,
        Config.Model.ServicesConfig config,
        IReadOnlyDictionary<string, string> environment,
        PersistedState persisted,
        Containment containment,
        Serilog.Core.Logger logger,
        DaemonStart start,
        NotifySocket? notify,
        ReloadSignal sighup)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        builder.Services.AddSerilog(logger, dispose: false);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        // The host gives hosted services this long to stop; children may have long stop grace periods.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownBudget.For(config, persisted.RunTime));

        builder.Services.AddSingleton(paths);
        builder.Services.AddSingleton(start);
        builder.Services.AddSingleton(sighup);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(containment);
        builder.Services.AddSingleton(sp => new ServiceManager.Platform.Unix.UnixProcessSpawner(
            ex => sp.GetRequiredService<ILoggerFactory>().CreateLogger("spawner").LogError(ex, "child I/O failed"),
            containment.Cgroups));
        builder.Services.AddSingleton(sp => new ConfigStore(paths.ConfigPath, config, environment, persisted.Scales));
        builder.Services.AddSingleton(persisted);
        builder.Services.AddSingleton<FleetReadiness>();
        builder.Services.AddSingleton(sp => FleetFactory.Create(paths, persisted, environment, sp));
        builder.Services.AddSingleton<StateWriter>();
        builder.Services.AddSingleton(sp => new MetricsSampler(
            sp.GetRequiredService<TimeProvider>(), logger: sp.GetRequiredService<ILoggerFactory>().CreateLogger("metrics")));
        builder.Services.AddSingleton<MetricsTracking>();
        builder.Services.AddSingleton<EventHub>();
        builder.Services.AddSingleton<MemoryEnforcement>();
        builder.Services.AddSingleton(sp => new HealthProbeFactory(sp.GetRequiredService<ServiceManager.Platform.Unix.UnixProcessSpawner>()));
        builder.Services.AddSingleton<HealthTracking>();
        builder.Services.AddSingleton<ReadinessTracking>();
        builder.Services.AddSingleton<DependencyGate>();
        builder.Services.AddSingleton<CronTriggers>();
        builder.Services.AddSingleton<WatchTriggers>();
        builder.Services.AddSingleton<HotReload>();
        builder.Services.AddSingleton<FleetCoordinator>();
        builder.Services.AddSingleton<RollingReload>();
        builder.Services.AddSingleton<RpcTargetServices>();
        builder.Services.AddSingleton<Func<RpcConnection, IServiceManagerRpc>>(
            sp => connection => new ServiceManagerRpcTarget(sp.GetRequiredService<RpcTargetServices>(), connection));

        // Started in this order and stopped in reverse: the socket answers at once, and on shutdown the fleet is
        // stopped (children get their grace) before the socket goes away.
        builder.Services.AddHostedService<RpcSocketListener>();
        builder.Services.AddHostedService<MonitoringLifetimeService>();
        builder.Services.AddHostedService<FleetLifetimeService>();
        builder.Services.AddHostedService<TriggerLifetimeService>();
        builder.Services.AddHostedService<LogWriteWatch>();
        // Last, so it is stopped first: browsers lose the server before the fleet goes down, not the other way round.
        builder.Services.AddHostedService<WebFrontEnd>();
        builder.Services.AddHostedService(sp => new SystemdNotification(
            notify, sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<ILogger<SystemdNotification>>()));
        return builder.Build();
    }

    /// <summary>
    /// The state and runtime directories are svcmgr's own (…/svcmgr or SVCMGR_HOME): they hold the socket, logs and
    /// pidfile, so they are made owner-only even when they already existed — unless the directory is a shared one
    /// like /tmp (sticky bit), which is left alone.
    /// </summary>
    private static void EnsurePrivateDirectory(string path)
    {
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, OwnerOnly);
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.StickyBit) != 0 || (mode & ~OwnerOnly & (UnixFileMode)0x1FF) == 0) return;
        try
        {
            File.SetUnixFileMode(path, mode & ~(UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute));
        }
        catch (UnauthorizedAccessException)
        {
            // Not ours to change; the socket itself is still 0600.
        }
    }
}
