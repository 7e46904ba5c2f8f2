using Microsoft.Extensions.Hosting;
using ServiceManager.Daemon.Scheduling;
using ServiceManager.Daemon.Watching;

namespace ServiceManager.Daemon.Hosting;

/// <summary>
/// Once the fleet is restored, starts what acts on instances by itself: cron timers, file watches, and the config
/// reload on SIGHUP or (<c>watch_config</c>) on a change of the file. Stops them before the fleet halts, so no tick,
/// change or reload starts a child during a shutdown.
/// </summary>
internal sealed class TriggerLifetimeService(CronTriggers cron, WatchTriggers watch, HotReload reload) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        cron.Start();
        watch.Start();
        reload.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        reload.Dispose();
        watch.Dispose();
        await cron.DisposeAsync();
    }
}
