using System.Text;
using ServiceManager.Config.Model;
using ServiceManager.Platform;

namespace ServiceManager.Daemon.Export;

/// <summary>
/// <c>svcmgr export toml [FILE]</c>, pm2's <c>save</c>: the config file as written (templates, <c>[daemon]</c>, comments
/// and <c>${VAR}</c>s kept), then every run-time instance (<c>create</c>, <c>start --</c>) as an <c>[instances.ID]</c>
/// table with its resolved values, so that the file alone loads back into the same fleet: ids, ports, commands,
/// environment, working directories and policies. A run-time instance that should run gets <c>auto_start = true</c>.
/// </summary>
public static class TomlExport
{
    public static string File(ExportedFleet fleet, string source)
    {
        var text = new StringBuilder();
        text.Append("# The svcmgr fleet, written by `svcmgr export toml` from ").Append(source.ReplaceLineEndings(" ")).Append(":\n")
            .Append("# the config file as written, then the instances created at run time, resolved.\n");
        if (fleet.ConfigText is { Length: > 0 } config)
        {
            text.Append('\n').Append(config);
            if (!config.EndsWith('\n')) text.Append('\n');
        }

        if (fleet.RunTime.Count > 0) text.Append("\n# ---- instances created at run time (svcmgr create, svcmgr start --) ----\n");
        foreach (var instance in fleet.RunTime) Instance(text, instance, fleet.ShouldRun.Contains(instance.Id));
        return text.ToString();
    }

    private static void Instance(StringBuilder text, InstanceDefinition d, bool shouldRun)
    {
        void Line(string key, string value) => text.Append(key).Append(" = ").Append(value).Append('\n');

        text.Append("\n[instances.").Append(d.Id).Append("]\n");
        if (d.Template is { } template) Line("template", TomlText.String(template));
        if (d.DisplayName is { } display) Line("display_name", TomlText.String(display));
        if (d.Description is { } description) Line("description", TomlText.String(description));
        if (d.Category is { } category) Line("category", TomlText.String(category));
        Line("start_command", TomlText.Array(d.Command, TomlText.Literal));
        Line("working_dir", TomlText.Literal(d.WorkingDirectory));
        if (d.Port is { } port) Line("port", TomlText.Number(port));
        Line("auto_start", TomlText.Bool(d.AutoStart || shouldRun));
        if (d.Tags.Count > 0) Line("tags", TomlText.Array(d.Tags, TomlText.String));
        Line("restart", TomlText.String(d.Restart.Policy switch
        {
            RestartPolicy.Always => "always",
            RestartPolicy.Never => "never",
            _ => "on-failure",
        }));
        Line("backoff_initial", TomlText.Duration(d.Restart.BackoffInitial));
        Line("backoff_max", TomlText.Duration(d.Restart.BackoffMax));
        Line("max_restarts_per_minute", TomlText.Number(d.Restart.MaxRestartsPerMinute));
        Line("min_uptime", TomlText.Duration(d.Restart.MinUptime));
        Line("stop_signal", TomlText.String(SignalNames.Name(d.Stop.Signal)));
        Line("stop_timeout", TomlText.Duration(d.Stop.Timeout));
        // {pid} is the one placeholder stop_command keeps for the supervisor.
        if (d.Stop.Command is { } stop) Line("stop_command", TomlText.Literal(stop).Replace("{{pid}}", "{pid}", StringComparison.Ordinal));
        if (d.Health is { } health)
        {
            Line("health_endpoint", TomlText.Literal(health.Endpoint));
            Line("health_interval_ms", TomlText.Number((long)health.Interval.TotalMilliseconds));
            Line("health_timeout_ms", TomlText.Number((long)health.Timeout.TotalMilliseconds));
            if (health.RestartOnUnhealthy) Line("restart_on_unhealthy", "true");
        }

        if (d.MaxMemoryBytes is { } memory) Line("max_memory", TomlText.Number(memory));
        if (d.DependsOn.Count > 0)
        {
            Line("depends_on", "[" + string.Join(", ", d.DependsOn.Select(x => x.Condition == DependencyCondition.Running
                ? TomlText.String(x.Name)
                : $"{{ name = {TomlText.String(x.Name)}, condition = {TomlText.String(DependencyConditions.ToText(x.Condition))} }}")) + "]");
        }

        if (d.Watch is { } watch)
        {
            Line("watch", TomlText.Array(watch.Paths, TomlText.String));
            if (watch.Ignore.Count > 0) Line("watch_ignore", TomlText.Array(watch.Ignore, TomlText.String));
            Line("watch_debounce", TomlText.Duration(watch.Debounce));
        }

        if (d.CronRestart is { } cron) Line("cron_restart", TomlText.String(cron.Text));
        if (d.Schedule is { } schedule) Line("schedule", TomlText.String(schedule.Text));
        if (d.ReadyLogLine is { } ready) Line("ready_log_line", TomlText.String(ready));
        if (d.EnvFile is { } envFile) Line("env_file", TomlText.Literal(envFile));
        var env = d.Environment.Where(e => e.Key is not (ChildVariables.Port or ChildVariables.Instance or ChildVariables.Template)).ToList();
        if (env.Count > 0)
        {
            text.Append("[instances.").Append(d.Id).Append(".env]\n");
            foreach (var (name, value) in env.OrderBy(e => e.Key, StringComparer.Ordinal)) Line(TomlText.Key(name), TomlText.Literal(value));
        }
    }
}
