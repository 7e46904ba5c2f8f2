using Microsoft.Extensions.Logging;
using ServiceManager.Config;
using ServiceManager.Config.Model;
using ServiceManager.Daemon.Hosting;
using ServiceManager.Daemon.Persistence;
using ServiceManager.Platform.Unix;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Instances;

/// <summary>
/// Every change to which instances exist goes through here, one at a time: start-up (orphans, restore), reload,
/// <c>run</c>, <c>create</c> and <c>remove</c>. Holding one lock from choosing an id and a port until the instance is
/// in the fleet is what keeps two concurrent creates from getting the same port. Each change is on disk
/// (<c>state.json</c>) before the call returns.
/// </summary>
internal sealed partial class FleetCoordinator(
    Fleet fleet,
    ConfigStore config,
    StateWriter state,
    TimeProvider time,
    ILogger<FleetCoordinator> logger)
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    // Set under _lock by the shutdown: an instance added after the final state write would be forgotten.
    private bool _shuttingDown;

    /// <summary>Where state.json lives; also the marker value every child carries (<see cref="DaemonMarker"/>).</summary>
    private string StateDirectory => Path.GetDirectoryName(state.Path) ?? "/";

    /// <summary>Whether a process on this machine holds a port; a seam for tests.</summary>
    internal Func<int, bool> IsPortInUse { get; init; } = PortProbe.IsInUse;

    /// <summary>Waits until <c>state.json</c> holds every change made so far (for start/stop/restart).</summary>
    public Task FlushStateAsync() => state.FlushAsync(CancellationToken.None);

    public async Task<ReloadDiff> ReloadAsync(CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        try
        {
            ServicesConfig candidate;
            try
            {
                candidate = config.LoadCandidate(Reserved());
            }
            catch (ConfigException ex)
            {
                throw FleetException.ConfigInvalid($"config invalid, nothing changed:\n{ex.Message}", ex);
            }

            // Not cancelled with the request: a reload half applied would be worse than a late answer.
            var diff = await fleet.ApplyAsync(candidate, CancellationToken.None);
            config.Commit(candidate);
            await state.FlushAsync(CancellationToken.None);
            return diff;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Takes the lock for a change; refused once the daemon is shutting down.</summary>
    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        if (!_shuttingDown) return;
        _lock.Release();
        throw FleetException.Unavailable("the daemon is shutting down; try again once it is back");
    }

    /// <summary>The instances created at run time, which a config must keep clear of.</summary>
    private List<ReservedInstance> Reserved() =>
        [.. fleet.List().Where(s => s.Definition.Origin != InstanceOrigin.Config).Select(s => new ReservedInstance(s.Id, s.Definition.Port, s.Definition.Template))];

    private List<InstanceDefinition> Existing() => [.. fleet.List().Select(s => s.Definition)];
}
