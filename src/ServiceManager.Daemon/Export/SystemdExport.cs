using ServiceManager.Config.Model;
using ServiceManager.Platform;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Daemon.Export;

/// <summary>
/// <c>svcmgr export systemd DIR</c>: one <c>svcmgr-ID.service</c> per instance and a <c>svcmgr.target</c> wanting them
/// all, so a fleet can move to plain systemd. What systemd cannot say (health checks, watch, cron) is written as a
/// comment in the unit rather than dropped silently.
/// </summary>
public static class SystemdExport
{
    public const string TargetName = "svcmgr.target";

    public static string UnitName(string id) => $"svcmgr-{id}.service";

    /// <summary>File name → content, the target last.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Units(IReadOnlyList<InstanceDefinition> instances, string source)
    {
        var files = instances.Select(i => KeyValuePair.Create(UnitName(i.Id), Unit(i, instances, source))).ToList();
        files.Add(KeyValuePair.Create(TargetName, Target(instances, source)));
        return files;
    }

    public static string Unit(InstanceDefinition instance, IReadOnlyList<InstanceDefinition> fleet, string source)
    {
        var unit = new UnitFile().Comment($"svcmgr instance {instance.Id}, written by `svcmgr export systemd` from {source}.");
        var head = unit["Unit"]
            .Set("Description", SystemdText.Verbatim("svcmgr: " + (instance.DisplayName ?? instance.Id) + (instance.Description is { } d ? " - " + d : "")))
            .Set("PartOf", TargetName);
        foreach (var dependency in instance.DependsOn)
        {
            if (dependency.Condition != DependencyCondition.Running)
                head.Comment($"depends_on {dependency.Name} ({DependencyConditions.ToText(dependency.Condition)}): systemd orders and requires; it does not wait for that condition");
            head.Set("After", UnitName(dependency.Name)).Set("Requires", UnitName(dependency.Name));
        }

        // svcmgr's crash-loop cap: this many restarts in a minute, then the instance is left failed.
        head.Set("StartLimitIntervalSec", "60s").Set("StartLimitBurst", instance.Restart.MaxRestartsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var service = unit["Service"]
            .Set("Type", "simple")
            .Set("ExecStart", SystemdText.ExecLine([Executable(instance), .. instance.Command.Skip(1)]))
            .Set("WorkingDirectory", SystemdText.Verbatim(instance.WorkingDirectory));
        foreach (var (name, value) in instance.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
            service.Set("Environment", SystemdText.EnvironmentAssignment(name, value));
        if (instance.EnvFile is { } envFile) service.Set("EnvironmentFile", SystemdText.Verbatim(envFile));

        service.Set("Restart", instance.Restart.Policy switch
        {
            RestartPolicy.Always => "always",
            RestartPolicy.Never => "no",
            _ => "on-failure",
        });
        service.Set("RestartSec", SystemdText.Duration(instance.Restart.BackoffInitial));
        service.Comment($"svcmgr doubles the delay up to {SystemdText.Duration(instance.Restart.BackoffMax)}; systemd 254 and later can too:\n" +
                        $"RestartSteps=5\nRestartMaxDelaySec={SystemdText.Duration(instance.Restart.BackoffMax)}");
        service.Set("KillMode", "control-group")
            .Set("KillSignal", SignalNames.Name(instance.Stop.Signal))
            .Set("TimeoutStopSec", SystemdText.Duration(instance.Stop.Timeout));
        if (instance.Stop.Command is { Length: > 0 } stop)
            // {pid} passes the escaping untouched (no %, $, quote or backslash in it) and becomes systemd's variable after.
            service.Set("ExecStop", SystemdText.ExecLine(["/bin/sh", "-c", stop]).Replace("{pid}", "$MAINPID", StringComparison.Ordinal));
        if (instance.MaxMemoryBytes is { } memory)
            service.Comment("max_memory: svcmgr restarts the instance above it; systemd's limit kills it (and Restart= starts it again)")
                .Set("MemoryMax", memory.ToString(System.Globalization.CultureInfo.InvariantCulture));

        foreach (var note in NotExported(instance)) service.Comment(note);
        unit["Install"].Set("WantedBy", TargetName);
        return unit.Render();
    }

    public static string Target(IReadOnlyList<InstanceDefinition> instances, string source)
    {
        var unit = new UnitFile().Comment($"The svcmgr fleet, written by `svcmgr export systemd` from {source}.\nsystemctl enable --now svcmgr.target starts every instance below (and at boot).");
        var head = unit["Unit"].Set("Description", "svcmgr fleet");
        if (instances.Count > 0) head.Set("Wants", string.Join(' ', instances.Select(i => UnitName(i.Id))));
        unit["Install"].Set("WantedBy", "multi-user.target");
        return unit.Render();
    }

    /// <summary>The program as an absolute path when the instance's PATH finds it (systemd searches only its own
    /// fixed list); as written otherwise, for systemd to report.</summary>
    private static string Executable(InstanceDefinition instance)
    {
        var path = instance.Environment.TryGetValue("PATH", out var own) ? own : null;
        var (resolved, _) = ProgramResolver.Resolve(instance.Command[0], path, instance.WorkingDirectory);
        return resolved is null ? instance.Command[0] : Path.GetFullPath(resolved, instance.WorkingDirectory);
    }

    private static IEnumerable<string> NotExported(InstanceDefinition instance)
    {
        if (instance.Schedule is { } schedule) yield return $"schedule = \"{schedule.Text}\": a job; write a svcmgr-{instance.Id}.timer with OnCalendar= for it";
        if (instance.CronRestart is { } cron) yield return $"cron_restart = \"{cron.Text}\": not exported (a .timer running `systemctl restart` would do it)";
        if (instance.Health is { } health) yield return $"health_endpoint = \"{health.Endpoint}\": systemd has no health checks; not exported";
        if (instance.Watch is not null) yield return "watch: not exported (a .path unit can restart on changes)";
        if (instance.ReadyLogLine is { } ready) yield return $"ready_log_line = \"{ready}\": not exported";
    }
}
