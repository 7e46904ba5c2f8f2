using Microsoft.Extensions.Logging;
using ServiceManager.Config.Model;
using ServiceManager.Daemon.Hosting;
using ServiceManager.Daemon.Persistence;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Instances;

internal sealed partial class FleetCoordinator
{
    /// <summary>
    /// Brings the fleet back as the previous daemon left it: leftover children stopped first (so their ports are
    /// free and nothing runs twice), then run-time instances and config instances created, each started if it should
    /// run (as recorded; an instance the state file does not know follows its auto_start). Only then does the state
    /// writer start, so the file never shows a half-restored fleet.
    /// </summary>
    public async Task StartUpAsync(PersistedState persisted, Containment containment, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            foreach (var warning in persisted.Warnings) logger.LogWarning("{Warning}", warning);
            var current = config.Current;
            StopSettings? StopOf(string id) =>
                persisted.RunTime.FirstOrDefault(d => d.Id == id)?.Stop ?? current.Instances.FirstOrDefault(d => d.Id == id)?.Stop;
            var stopped = await OrphanRecovery.RunAsync(persisted, StateDirectory, containment, StopOf, time, logger, cancellationToken);
            if (stopped > 0) logger.LogWarning("stopped {Count} process groups or cgroups left running by the previous daemon", stopped);

            bool ShouldStart(InstanceDefinition d) => persisted.ShouldRun(d.Id) ?? d.AutoStart;
            var restored = 0;
            foreach (var definition in persisted.RunTime)
            {
                if (Conflict(definition, current) is { } conflict)
                {
                    logger.LogWarning("instance {Instance} (created at run time) is not restored: {Conflict}", definition.Id, conflict);
                    continue;
                }

                await fleet.AddAsync(definition, ShouldStart(definition), CancellationToken.None);
                restored++;
            }

            var diff = await fleet.ApplyAsync(current, ShouldStart, CancellationToken.None);
            state.Start();
            await state.FlushAsync(CancellationToken.None);
            logger.LogInformation(
                "config {Path}: {Count} instances; {Restored} run-time instances restored; {Running} running",
                config.Path, diff.Added.Count, restored, fleet.List().Count(s => s.State == InstanceState.Running));
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Stops every child, keeping each instance's wish to run, then writes the state a last time.</summary>
    public async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        // Waits for a run, create or remove in progress to finish; later ones are refused.
        await _lock.WaitAsync(CancellationToken.None);
        try
        {
            _shuttingDown = true;
        }
        finally
        {
            _lock.Release();
        }

        logger.LogInformation("stopping every instance");
        await fleet.HaltAllAsync(cancellationToken);
        await state.DisposeAsync();
        logger.LogInformation("all instances stopped");
    }

    /// <summary>The config file wins over a run-time instance that now clashes with it (edited while the daemon was down).</summary>
    private static string? Conflict(InstanceDefinition definition, ServicesConfig current)
    {
        if (current.Instances.Any(i => i.Id == definition.Id)) return "the config file now defines an instance with that id";
        if (definition.Port is { } port && current.Instances.FirstOrDefault(i => i.Port == port) is { } owner)
            return $"the config file now gives its port {port} to instance '{owner.Id}'";
        return null;
    }
}
