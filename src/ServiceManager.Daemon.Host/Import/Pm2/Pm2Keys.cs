namespace ServiceManager.Daemon.Host.Import.Pm2;

/// <summary>The app keys of a PM2 ecosystem file that svcmgr has no counterpart for, and why: listed by
/// <c>svcmgr import pm2</c>, never dropped silently. Keys mapped are in <see cref="Pm2AppConverter"/>.</summary>
internal static class Pm2Keys
{
    private const string Logs = "svcmgr keeps each instance's stdout and stderr in its own rotating log file (svcmgr logs NAME; docs/logs.md)";

    public static readonly IReadOnlyDictionary<string, string> NotMapped = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["out_file"] = Logs, ["out"] = Logs, ["output"] = Logs, ["out_log"] = Logs,
        ["error_file"] = Logs, ["error"] = Logs, ["err"] = Logs, ["err_file"] = Logs, ["error_log"] = Logs, ["err_log"] = Logs,
        ["log_file"] = Logs, ["log"] = Logs, ["merge_logs"] = Logs, ["combine_logs"] = Logs, ["log_date_format"] = Logs,
        ["log_type"] = Logs, ["time"] = Logs, ["disable_logs"] = Logs,
        ["pid_file"] = "svcmgr keeps pids in its state file (svcmgr status NAME shows it)",
        ["pid"] = "svcmgr keeps pids in its state file (svcmgr status NAME shows it)",
        ["max_restarts"] = "svcmgr's crash-loop cap is a rate, max_restarts_per_minute (default 5), not a count of unstable restarts",
        ["listen_timeout"] = "svcmgr has no ready-signal timeout; depends_on with ready_log_line or a health_endpoint says when an instance is ready",
        ["wait_ready"] = "svcmgr has no process.send('ready'); use ready_log_line or health_endpoint",
        ["shutdown_with_message"] = "svcmgr stops with a signal (stop_signal) or a stop_command, never an IPC message",
        ["increment_var"] = "svcmgr gives each instance its own PORT instead",
        ["source_map_support"] = "a Node.js runtime option: pass --enable-source-maps in node_args",
        ["treekill"] = "svcmgr always stops the whole process group (and cgroup)",
        ["vizion"] = "svcmgr does not track versions", ["post_update"] = "svcmgr does not track versions",
        ["force"] = "svcmgr never starts an instance twice",
        ["append_env_to_name"] = "svcmgr keeps instance ids as written", ["name_prefix"] = "svcmgr keeps instance ids as written",
        ["filter_env"] = "svcmgr children always inherit the daemon's environment under their own",
        ["watch_options"] = "chokidar options: svcmgr watches with inotify (watch, watch_ignore, watch_debounce)",
        ["instance_id_env"] = "svcmgr sets SVCMGR_INSTANCE",
        ["windowsHide"] = "Windows only", ["windows_hide"] = "Windows only",
        ["automation"] = "PM2 Plus monitoring", ["pmx"] = "PM2 Plus monitoring", ["trace"] = "PM2 Plus monitoring",
        ["disable_trace"] = "PM2 Plus monitoring", ["io"] = "PM2 Plus monitoring", ["deep_monitoring"] = "PM2 Plus monitoring",
        ["uid"] = "the daemon runs children as its own user", ["user"] = "the daemon runs children as its own user",
        ["gid"] = "the daemon runs children as its own user",
        ["kill_retry_time"] = "svcmgr sends stop_signal once, then SIGKILL after stop_timeout",
        ["cron"] = "use cron_restart, or schedule for a job",
        ["exec_mode"] = "svcmgr has no cluster mode: every instance is a process of its own (fork mode), so instances cannot share one port; each gets its own PORT",
        ["port"] = "svcmgr takes an app's port from env.PORT (it becomes default_port)",
    };

    /// <summary>Top-level keys other than <c>apps</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> TopLevel = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["deploy"] = "deployment (git pull, hooks over ssh) is not a service manager's job",
    };

    public const string Unknown = "not a PM2 key svcmgr knows a counterpart for";
}
