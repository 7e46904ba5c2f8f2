namespace ServiceManager.Config.Binding;

/// <summary>The keys each table accepts, for unknown-key errors and their "did you mean" hints.</summary>
internal static class ServiceKeys
{
    public static IReadOnlyList<string> Shared { get; } =
    [
        "display_name", "description", "category", "start_command", "shell", "working_dir", "default_port", "port_range",
        "env", "env_file", "health_endpoint", "health_interval_ms", "health_timeout_ms", "restart_on_unhealthy", "restart", "backoff_initial",
        "backoff_max", "max_restarts_per_minute", "min_uptime", "stop_signal", "stop_timeout", "stop_command",
        "max_memory", "depends_on", "tags", "watch", "watch_ignore", "watch_debounce", "cron_restart", "schedule",
        "ready_log_line", "instances", "listen", "ready_timeout",
    ];

    /// <summary>The keys of an inline table in <c>depends_on</c>.</summary>
    public static IReadOnlyList<string> Dependency { get; } = ["name", "condition"];

    public static IReadOnlyList<string> TemplateOnly { get; } = ["supports_multiple"];

    public static IReadOnlyList<string> InstanceOnly { get; } = ["template", "port", "auto_start"];

    public static IReadOnlyList<string> Daemon { get; } = ["default_port_range", "log_max_size", "log_max_files", "log_buffer_lines", "port_patterns", "cgroups", "watch_config"];

    public static IReadOnlyList<string> TopLevel { get; } = ["daemon", "web", "templates", "instances"];

    public static IReadOnlyList<string> Web { get; } = ["listen", "token_file"];
}
