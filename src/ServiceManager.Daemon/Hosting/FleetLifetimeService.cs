using Microsoft.Extensions.Hosting;
using ServiceManager.Daemon.Instances;
using ServiceManager.Daemon.Persistence;

namespace ServiceManager.Daemon.Hosting;

/// <summary>
/// Restores the fleet when the daemon starts (leftover children stopped, run-time instances back, the config
/// applied, each instance running if it should) and stops every child when it stops, keeping their wish to run; the
/// daemon's cgroup subtree goes with the last child (each run's leaf went with its child).
/// </summary>
internal sealed class FleetLifetimeService(FleetCoordinator coordinator, PersistedState persisted, Containment containment, FleetReadiness readiness) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await coordinator.StartUpAsync(persisted, containment, cancellationToken);
        readiness.MarkReady();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await coordinator.ShutdownAsync(cancellationToken);
        containment.Cgroups?.Root.TryRemove(withChildren: false);
    }
}
