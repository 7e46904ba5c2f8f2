using Microsoft.Extensions.Logging;
using ServiceManager.Config.Model;
using ServiceManager.Monitoring.Health;
using ServiceManager.Platform;
using ServiceManager.Protocol.Messages;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Instances;

/// <summary>
/// <c>svcmgr reload NAME...</c> (RPC <c>rollingRestart</c>): the named instances, a group's members one at a time, each
/// replaced new-first (<see cref="InstanceSupervisor.ReplaceAsync"/>), so there are never fewer ready members than
/// before. The first replacement that fails ends the reload: the rest keep their old processes.
/// </summary>
internal sealed class RollingReload(Fleet fleet, HealthProbeFactory probes, ILogger<RollingReload> logger)
{
    /// <exception cref="FleetException">A replacement failed (its member and why), or a name is unknown (nothing done).</exception>
    public async Task<RollingRestartResult> RunAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        if (names is not { Count: > 0 }) throw FleetException.InvalidRequest("give \"names\": a non-empty list of instance or group names");
        // Every name first: an unknown one means nothing is reloaded.
        var targets = names.SelectMany(fleet.ResolveTargets).Distinct().ToList();
        var replaced = new List<string>();
        var restarted = new List<string>();
        var unchanged = new List<string>();
        var warnings = new List<string>();
        foreach (var (supervisor, position) in targets.Select((s, i) => (s, i)))
        {
            var definition = supervisor.Snapshot.Definition;
            if (!CanOverlap(definition))
            {
                if (supervisor.Snapshot.State != InstanceState.Running)
                {
                    unchanged.Add(supervisor.Id);
                    continue;
                }

                // Not cancelled with the request: the client only stops waiting.
                await supervisor.RestartAsync("rolling reload (stop, then start: no listen socket to share)", CancellationToken.None);
                restarted.Add(supervisor.Id);
                warnings.Add($"{supervisor.Id} was restarted, not zero-downtime: it has port {definition.Port} and no listen socket, so old and new process cannot overlap (give it listen = \"tcp://127.0.0.1:{{port}}\")");
                continue;
            }

            var replacement = new Replacement(HealthCheck(supervisor, definition));
            var outcome = await supervisor.ReplaceAsync(replacement, CancellationToken.None);
            if (outcome == OperationOutcome.Unchanged)
            {
                unchanged.Add(supervisor.Id);
            }
            else if (outcome == OperationOutcome.Done)
            {
                replaced.Add(supervisor.Id);
            }
            else
            {
                var left = targets.Skip(position + 1).Select(s => s.Id).ToList();
                var rest = left.Count == 0 ? "" : $"; not reloaded: {string.Join(", ", left)}";
                var done = replaced.Count == 0 ? "" : $"; replaced: {string.Join(", ", replaced)}";
                logger.LogWarning("rolling reload of {Instance} failed: {Failure}", supervisor.Id, replacement.Failure);
                throw FleetException.SpawnFailed($"rolling reload stopped at {supervisor.Id}: {replacement.Failure}{done}{rest}");
            }
        }

        foreach (var warning in warnings) logger.LogWarning("rolling reload: {Warning}", warning);
        return new RollingRestartResult(replaced, restarted, unchanged, warnings);
    }

    /// <summary>Old and new run can live side by side when they share the daemon's socket, or listen on no port at all.</summary>
    public static bool CanOverlap(InstanceDefinition definition) => definition.Listen is not null || definition.Port is null;

    /// <summary>The instance's health check, for the replacement's readiness; null without one.</summary>
    private Func<CancellationToken, Task<bool>>? HealthCheck(InstanceSupervisor supervisor, InstanceDefinition definition)
    {
        if (definition.Health is not { } health) return null;
        IHealthProbe probe;
        try
        {
            var child = supervisor.ChildSpawnRequest();
            probe = probes.Create(health.Endpoint, child.Environment, child.WorkingDirectory);
        }
        catch (Exception ex) when (ex is ArgumentException or SpawnException)
        {
            logger.LogWarning("Instance {Instance}: no health check for the rolling reload ({Error}); readiness is running for 1s", supervisor.Id, ex.Message);
            return null;
        }

        return async cancellationToken =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(health.Timeout);
            try
            {
                return (await probe.ProbeAsync(timeout.Token)).IsHealthy;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        };
    }
}
