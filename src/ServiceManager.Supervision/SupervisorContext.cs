using Microsoft.Extensions.Logging;
using ServiceManager.Platform;

namespace ServiceManager.Supervision;

/// <summary>What every supervisor of a daemon shares: the spawner, the clock and the daemon's own environment.</summary>
/// <param name="BaseEnvironment">The daemon's environment, captured once (<see cref="DaemonEnvironment.Capture"/>);
/// each instance's configured variables are laid over it at spawn.</param>
public sealed record SupervisorContext(
    IProcessSpawner Spawner,
    TimeProvider Time,
    IReadOnlyDictionary<string, string> BaseEnvironment,
    ILogger Logger)
{
    /// <summary>Processes of an instance outside its process group, searched for after a stop; null skips it.</summary>
    public StragglerFinder? FindStragglers { get; init; }
}
