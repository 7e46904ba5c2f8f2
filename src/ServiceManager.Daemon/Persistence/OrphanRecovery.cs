using Microsoft.Extensions.Logging;
using ServiceManager.Config.Model;
using ServiceManager.Platform;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Daemon.Persistence;

/// <summary>
/// At start-up, before any instance starts: children of the previous daemon that still run are stopped as their
/// supervisor would have stopped them — stop signal to the group, grace, SIGKILL — so that no service runs twice
/// and their ports are free again. Two passes: the children <c>state.json</c> records (same pid and start time),
/// then any other session carrying this daemon's <see cref="DaemonMarker"/> (a child too young to be recorded).
/// Must run before this daemon starts any child of its own.
/// </summary>
internal static class OrphanRecovery
{
    /// <param name="stateDirectory">This daemon's marker value.</param>
    /// <param name="stopOf">How an instance is stopped now (by id), for leftovers the state file does not record.</param>
    /// <returns>How many groups were found running and stopped.</returns>
    public static async Task<int> RunAsync(
        PersistedState state,
        string stateDirectory,
        Func<string, StopSettings?> stopOf,
        TimeProvider time,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var self = ProcStat.Read(Environment.ProcessId);
        bool IsOurs(int pgid) => self is not null && (pgid == self.Pid || pgid == self.ProcessGroup || pgid == self.Session);

        var recorded = state.Records.Values
            .Where(r => r.Child is { Pgid: > 1 } c && !IsOurs(c.Pgid))
            .Select(r => StopAsync(r.Id, new LeftoverGroup(r.Child!.Pgid, r.Child.StartTime),
                new StopSettings(r.Child.StopSignal, TimeSpan.FromMilliseconds(Math.Max(0, r.Child.StopTimeoutMs)), null), "recorded", time, logger, cancellationToken));
        var stopped = (await Task.WhenAll(recorded)).Count(s => s);

        var marker = Path.GetFullPath(stateDirectory);
        var unrecorded = ProcScan.WithEnvironmentVariable(DaemonMarker.Variable)
            // No start-time filter: this runs before we spawn anything, so every marked session that is not ours is a
            // previous daemon's. Start times tick every 10 ms, and a child spawned in the dead daemon's last instant
            // often shares the tick we started in; "started before us" let exactly those escape and run twice.
            .Where(p => p.Value == marker && p.Process.Session == p.Process.ProcessGroup && p.Process.ProcessGroup > 1 && !IsOurs(p.Process.ProcessGroup))
            .GroupBy(p => p.Process.ProcessGroup)
            .Select(g =>
            {
                var instance = ProcScan.EnvironmentValue(g.Key, ChildVariables.Instance) ?? g.Select(p => ProcScan.EnvironmentValue(p.Process.Pid, ChildVariables.Instance)).FirstOrDefault(v => v is not null) ?? "?";
                var stop = stopOf(instance) ?? StopSettings.Default;
                return StopAsync(instance, new LeftoverGroup(g.Key, g.Min(p => p.Process.StartTime)), stop, "not recorded", time, logger, cancellationToken);
            });
        stopped += (await Task.WhenAll(unrecorded)).Count(s => s);
        return stopped;
    }

    private static async Task<bool> StopAsync(
        string instance, LeftoverGroup group, StopSettings stop, string how, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var result = await group.StopAsync(stop.Signal, stop.Timeout, time, cancellationToken);
        if (result.Members.Count == 0) return false;

        var pids = string.Join(", ", result.Members);
        var signals = result.Killed
            ? $"{SignalNames.Name(stop.Signal)}, then SIGKILL after {stop.Timeout.TotalSeconds:0.#}s"
            : SignalNames.Name(stop.Signal);
        if (result.Survivors)
            logger.LogError(
                "instance {Instance}: process group {Pgid} of the previous daemon ({How}; pids {Pids}) survived {Signals}",
                instance, group.Pgid, how, pids, signals);
        else
            logger.LogWarning(
                "instance {Instance}: process group {Pgid} of the previous daemon was still running ({How}; pids {Pids}); stopped it with {Signals} in {Elapsed:0.00}s",
                instance, group.Pgid, how, pids, signals, result.Elapsed.TotalSeconds);
        return true;
    }
}
