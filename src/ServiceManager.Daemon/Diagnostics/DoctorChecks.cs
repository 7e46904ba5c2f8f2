using ServiceManager.Config;
using ServiceManager.Config.Model;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Daemon.Diagnostics;

/// <summary>
/// The doctor checks both sides can make: the daemon on its own config, fleet and children; the CLI on the config
/// file and the machine when no daemon answers. Names are stable (scripts read <c>--json</c>).
/// </summary>
public static class DoctorChecks
{
    public const string ConfigName = "config";
    public const string PortsName = "ports";
    public const string OrphansName = "orphans";
    public const string InstancesName = "instances";
    public const string ContainmentName = "containment";
    public const string SpawnerName = "spawner";

    /// <summary>Loads the config file with <paramref name="load"/> (the daemon's own environment, or the caller's).</summary>
    /// <param name="daemonRunning">Changes the hint: a running daemon keeps its last good config.</param>
    public static (DoctorCheck Check, ServicesConfig? Config) Config(string path, Func<ServicesConfig> load, bool daemonRunning)
    {
        ArgumentNullException.ThrowIfNull(load);
        try
        {
            var config = load();
            if (!File.Exists(path))
                return (CheckStatus.Passed(ConfigName, $"no config file at {path}: no configured services (allowed)"), config);
            return (CheckStatus.Passed(ConfigName, $"{path}: {Count(config.Instances.Count, "instance")}, {Count(config.Templates.Count, "template")}"), config);
        }
        catch (ConfigException ex)
        {
            var hint = daemonRunning
                ? "fix these lines, then `svcmgr reload`; until then the daemon keeps the config it loaded last"
                : "fix these lines; `svcmgr daemon` refuses to start with an invalid config";
            return (CheckStatus.Failed(ConfigName, $"{path} is invalid:\n{ex.Message}", hint), null);
        }
    }

    /// <summary>Ports of instances held by something outside the instance's process group.</summary>
    /// <param name="daemonRunning">Without a daemon no instance runs, so any listener on a configured port is in the way.</param>
    public static DoctorCheck Ports(IReadOnlyList<PortInfo> ports, bool daemonRunning)
    {
        ArgumentNullException.ThrowIfNull(ports);
        if (ports.Count == 0) return CheckStatus.Passed(PortsName, "no instance has a port");
        var conflicts = ports.Where(p => p.Conflict).ToList();
        if (conflicts.Count == 0)
        {
            var listening = ports.Count(p => p.Listening);
            return CheckStatus.Passed(PortsName, $"{Count(ports.Count, "port")} assigned, {listening} listening, none held by another process");
        }

        var lines = conflicts.Select(p =>
            $"port {p.Port} of {p.Instance} is held by {(p.Pid is { } pid ? $"pid {pid} ({p.Process ?? "?"})" : "a process /proc does not show (another user's?)")}"
            + (daemonRunning ? $"; the instance is {p.State}" : ""));
        var hint = daemonRunning
            ? "stop that process, or give the instance another port (`port = N` in the config, then `svcmgr reload`)"
            : "stop that process before starting the daemon, or give the instance another port; if it is a lost child, see `svcmgr doctor orphans`";
        return CheckStatus.Failed(PortsName, string.Join("\n", lines), hint);
    }

    /// <summary>Without a daemon: the ports the config gives instances, and who listens on them now.</summary>
    public static DoctorCheck PortsOfConfig(ServicesConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var claims = config.Instances.Where(i => i.Port is not null).Select(i => new PortClaim(i.Port!.Value, i.Id, "stopped", null)).ToList();
        return Ports(PortReport.Scan(claims), daemonRunning: false);
    }

    public static DoctorCheck Orphans(IReadOnlyList<OrphanInfo> orphans)
    {
        ArgumentNullException.ThrowIfNull(orphans);
        if (orphans.Count == 0)
            return CheckStatus.Passed(OrphansName, $"no lost children (no process with {ChildVariables.Instance} outside a supervised session)");
        var shown = orphans.Take(5).Select(o => $"pid {o.Pid} ({o.Instance ?? "?"}: {o.Command})");
        var more = orphans.Count > 5 ? $", and {orphans.Count - 5} more" : "";
        return CheckStatus.Warning(
            OrphansName,
            (orphans.Count == 1 ? "1 process looks like a lost child" : $"{orphans.Count} processes look like lost children") + $" of svcmgr: {string.Join(", ", shown)}{more}",
            "`svcmgr doctor orphans` lists them with the reason; stop one with `kill -TERM -PGID` if it is no longer wanted");
    }

    /// <summary>
    /// Which containment is active: a cgroup per run (a stop reaches everything the child started), or process groups
    /// only, by choice or because cgroup v2 is not writable here (a setsid() descendant then survives a stop).
    /// </summary>
    /// <param name="daemonRunning">False: what a daemon started from here would use.</param>
    public static DoctorCheck Containment(Hosting.Containment containment, bool daemonRunning)
    {
        ArgumentNullException.ThrowIfNull(containment);
        var message = daemonRunning ? containment.Description : $"a daemon started from here would use {containment.Description}";
        if (containment.Cgroups is not null || containment.Disabled) return CheckStatus.Passed(ContainmentName, message);
        return CheckStatus.Warning(
            ContainmentName,
            message,
            "a process that leaves its process group (setsid, a daemonizing double fork) survives `svcmgr stop`; run the daemon as root or in a cgroup delegated to it (systemd: Delegate=yes), or set `cgroups = \"off\"` in [daemon] to accept process groups (docs/containment.md)");
    }

    /// <summary>
    /// How children are created: the native spawner, or posix_spawn and why. A warning only in cgroup mode, where the
    /// fallback delays every start by a migration (docs/containment.md).
    /// </summary>
    /// <param name="daemonRunning">False: what a daemon started from here would use.</param>
    public static DoctorCheck Spawner(Hosting.Containment containment, bool daemonRunning)
    {
        ArgumentNullException.ThrowIfNull(containment);
        var cgroups = containment.Cgroups is not null;
        var description = Hosting.SpawnerDescription.Describe(cgroups);
        var message = daemonRunning ? description : $"a daemon started from here would use {description}";
        if (Hosting.SpawnerDescription.IsNative || !cgroups) return CheckStatus.Passed(SpawnerName, message);
        return CheckStatus.Warning(
            SpawnerName,
            message,
            "on x86_64 (Linux 5.9+), put libsvcmgr-spawn.so from the same build beside svcmgr (a build with gcc makes it) for children born in their cgroup (docs/building.md)");
    }

    /// <summary>Instances that gave up (crash loop, spawn failure).</summary>
    public static DoctorCheck Instances(IReadOnlyList<(string Id, string State, string? LastError)> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var failed = instances.Where(i => i.State == "failed").ToList();
        var running = instances.Count(i => i.State == "running");
        if (failed.Count == 0)
            return CheckStatus.Passed(InstancesName, $"{Count(instances.Count, "instance")}, {running} running, none failed");
        return CheckStatus.Warning(
            InstancesName,
            string.Join("\n", failed.Select(f => $"{f.Id} failed: {f.LastError ?? "no error recorded"}")),
            $"read `svcmgr status {failed[0].Id}` and `svcmgr logs {failed[0].Id}`, fix the cause, then `svcmgr start {failed[0].Id}`");
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
