using ServiceManager.Config.Model;

namespace ServiceManager.Config.Binding;

/// <summary>A <c>[templates.ID]</c> or <c>[instances.ID]</c> table as written; null members were not given.</summary>
/// <param name="Section">"templates" or "instances", for key paths in messages.</param>
internal sealed partial record RawService(string Section, string Id, SourceLocation Location)
{
    /// <summary>Keys whose value was rejected: later checks stay quiet about them instead of piling on.</summary>
    public HashSet<string> InvalidKeys { get; init; } = new(StringComparer.Ordinal);

    public Located<string>? DisplayName { get; set; }

    public Located<string>? Description { get; set; }

    public Located<string>? Category { get; set; }

    public Located<RawCommand>? StartCommand { get; set; }

    public Located<bool>? Shell { get; set; }

    public Located<string>? WorkingDir { get; set; }

    public Located<int>? DefaultPort { get; set; }

    public Located<PortRange>? PortRange { get; set; }

    public IReadOnlyList<RawEnvEntry>? Env { get; set; }

    public Located<string>? EnvFile { get; set; }

    public Located<string>? HealthEndpoint { get; set; }

    public Located<int>? HealthIntervalMs { get; set; }

    public Located<int>? HealthTimeoutMs { get; set; }

    public Located<bool>? RestartOnUnhealthy { get; set; }

    public Located<bool>? SupportsMultiple { get; set; }

    public Located<RestartPolicy>? Restart { get; set; }

    public Located<TimeSpan>? BackoffInitial { get; set; }

    public Located<TimeSpan>? BackoffMax { get; set; }

    public Located<int>? MaxRestartsPerMinute { get; set; }

    public Located<TimeSpan>? MinUptime { get; set; }

    public Located<int>? StopSignal { get; set; }

    public Located<TimeSpan>? StopTimeout { get; set; }

    public Located<string>? StopCommand { get; set; }

    public Located<long>? MaxMemory { get; set; }

    public Located<IReadOnlyList<RawDependency>>? DependsOn { get; set; }

    /// <summary><c>watch</c>; <c>watch = true</c> is read as <c>["."]</c>, as pm2's <c>watch: true</c>.</summary>
    public Located<IReadOnlyList<string>>? Watch { get; set; }

    public Located<IReadOnlyList<string>>? WatchIgnore { get; set; }

    public Located<TimeSpan>? WatchDebounce { get; set; }

    /// <summary>Cron texts are checked when read (so a template's error is reported once) and parsed per instance, whose
    /// id seeds <c>H</c>.</summary>
    public Located<string>? CronRestart { get; set; }

    public Located<string>? Schedule { get; set; }

    public Located<string>? ReadyLogLine { get; set; }

    public Located<IReadOnlyList<string>>? Tags { get; set; }

    /// <summary><c>instances</c>: how many replicas (members <c>ID.0</c> … <c>ID.(N-1)</c>).</summary>
    public Located<int>? Replicas { get; set; }

    /// <summary><c>listen</c>: the socket the daemon binds and hands over (<c>tcp://HOST:PORT</c> or <c>unix:PATH</c>).</summary>
    public Located<string>? Listen { get; set; }

    public Located<TimeSpan>? ReadyTimeout { get; set; }

    /// <summary>Set on a replica member: its group (the table's id) and its index, for <c>{index}</c>.</summary>
    public (string Group, int Index)? Member { get; init; }

    public Located<string>? Template { get; set; }

    public Located<int>? Port { get; set; }

    public Located<bool>? AutoStart { get; set; }

    /// <summary>Dotted key path for messages, e.g. <c>instances.web-1.port</c>.</summary>
    public string KeyPath(string key) => $"{Section}.{Id}.{key}";
}
