using Microsoft.Extensions.Logging;
using ServiceManager.Config.Model;
using ServiceManager.Daemon.Hosting;
using ServiceManager.Platform;
using ServiceManager.Platform.Unix;
using ServiceManager.Text;
using ServiceManager.Platform.Unix.Cgroups;

namespace ServiceManager.Daemon.Persistence;

/// <summary>
/// At start-up, before any instance starts: children of the previous daemon that still run are stopped as their
/// supervisor would have stopped them — stop signal, grace, SIGKILL — so that no service runs twice and their ports
/// are free again. Three passes: the children <c>state.json</c> records (by their cgroup when they had one, else by
/// process group with the same pid and start time); then every populated leaf of the previous daemon's cgroup
/// subtree and of this daemon's (a child too young to be recorded; empty leaves are removed); then any other session
/// carrying this daemon's <see cref="DaemonMarker"/>. Must run before this daemon starts any child of its own.
/// </summary>
internal static partial class OrphanRecovery
{
    /// <param name="stateDirectory">This daemon's marker value.</param>
    /// <param name="stopOf">How an instance is stopped now (by id), for leftovers the state file does not record.</param>
    /// <returns>How many groups or cgroups were found running and stopped.</returns>
    public static async Task<int> RunAsync(
        PersistedState state,
        string stateDirectory,
        Containment containment,
        Func<string, StopSettings?> stopOf,
        TimeProvider time,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var self = ProcStat.Read(Environment.ProcessId);
        bool IsOurs(int pgid) => self is not null && (pgid == self.Pid || pgid == self.ProcessGroup || pgid == self.Session);
        var hierarchy = containment.Cgroups?.Hierarchy
            ?? (CgroupHierarchy.PathOf(Environment.ProcessId) is { } own ? CgroupHierarchy.Find(own) : null);
        var recovery = new Recovery(time, logger, cancellationToken);

        var recorded = state.Records.Values
            .Where(r => r.Child is { Pgid: > 1 } c && !IsOurs(c.Pgid))
            .Select(r =>
            {
                var child = r.Child!;
                var stop = new StopSettings(child.StopSignal, TimeSpan.FromMilliseconds(Math.Max(0, child.StopTimeoutMs)), null);
                return child.Cgroup is { } leaf && hierarchy is not null && CgroupContainment.IsLeafOf(stateDirectory, hierarchy, leaf)
                    ? recovery.StopAsync(r.Id, new LeftoverCgroup(new Cgroup(leaf)), stop, "recorded")
                    : recovery.StopAsync(r.Id, new LeftoverGroup(child.Pgid, child.StartTime), stop, "recorded");
            });
        var stopped = (await Task.WhenAll(recorded)).Count(s => s);

        stopped += (await Task.WhenAll(SubtreeLeaves(state, stateDirectory, containment, hierarchy)
            .Select(leaf => recovery.StopAsync(
                CgroupContainment.InstanceOf(leaf.Name) ?? "?", new LeftoverCgroup(leaf),
                stopOf(CgroupContainment.InstanceOf(leaf.Name) ?? "") ?? StopSettings.Default, "not recorded"))))
            .Count(s => s);
        RemoveOtherSubtree(state, stateDirectory, containment, hierarchy);

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
                return recovery.StopAsync(instance, new LeftoverGroup(g.Key, g.Min(p => p.Process.StartTime)), stop, "not recorded");
            });
        stopped += (await Task.WhenAll(unrecorded)).Count(s => s);
        return stopped;
    }

    /// <summary>Stops one leftover and logs what it found.</summary>
    private sealed class Recovery(TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        public Task<bool> StopAsync(string instance, LeftoverGroup group, StopSettings stop, string how) =>
            LogAsync(instance, $"process group {group.Pgid}", group.StopAsync(stop.Signal, stop.Timeout, time, cancellationToken), stop, how);

        public Task<bool> StopAsync(string instance, LeftoverCgroup cgroup, StopSettings stop, string how) =>
            LogAsync(instance, $"cgroup {cgroup.Cgroup.Directory}", cgroup.StopAsync(stop.Signal, stop.Timeout, time, cancellationToken), stop, how);

        private async Task<bool> LogAsync(string instance, string what, Task<LeftoverStopResult> stopping, StopSettings stop, string how)
        {
            var result = await stopping;
            if (result.Members.Count == 0) return false;

            var pids = string.Join(", ", result.Members);
            var signals = result.Killed
                ? $"{SignalNames.Name(stop.Signal)}, then SIGKILL after {HumanText.Delay(stop.Timeout)}"
                : SignalNames.Name(stop.Signal);
            if (result.Survivors)
                logger.LogError(
                    "instance {Instance}: {What} of the previous daemon ({How}; pids {Pids}) survived {Signals}",
                    instance, what, how, pids, signals);
            else
                logger.LogWarning(
                    "instance {Instance}: {What} of the previous daemon was still running ({How}; pids {Pids}); stopped it with {Signals} in {Elapsed:0.00}s",
                    instance, what, how, pids, signals, result.Elapsed.TotalSeconds);
            return true;
        }
    }
}
