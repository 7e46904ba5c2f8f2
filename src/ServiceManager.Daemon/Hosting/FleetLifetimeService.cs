using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Hosting;

/// <summary>Applies the config when the daemon starts (auto_start instances run) and stops every child when it stops.</summary>
internal sealed class FleetLifetimeService(Fleet fleet, ConfigStore config, ILogger<FleetLifetimeService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var diff = await fleet.ApplyAsync(config.Current, cancellationToken);
        logger.LogInformation("config {Path}: {Count} instances ({Running} started)", config.Path, diff.Added.Count,
            fleet.List().Count(s => s.State == InstanceState.Running));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("stopping every instance");
        await fleet.StopAllAsync(cancellationToken);
        logger.LogInformation("all instances stopped");
    }
}
