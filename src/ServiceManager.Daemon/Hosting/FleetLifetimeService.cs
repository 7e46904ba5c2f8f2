using Microsoft.Extensions.Hosting;
using ServiceManager.Daemon.Instances;
using ServiceManager.Daemon.Persistence;

namespace ServiceManager.Daemon.Hosting;

/// <summary>
/// Restores the fleet when the daemon starts (leftover children stopped, run-time instances back, the config
/// applied, each instance running if it should) and stops every child when it stops, keeping their wish to run.
/// </summary>
internal sealed class FleetLifetimeService(FleetCoordinator coordinator, PersistedState persisted, FleetReadiness readiness) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await coordinator.StartUpAsync(persisted, cancellationToken);
        readiness.MarkReady();
    }

    public Task StopAsync(CancellationToken cancellationToken) => coordinator.ShutdownAsync(cancellationToken);
}
