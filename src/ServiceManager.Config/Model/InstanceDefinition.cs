namespace ServiceManager.Config.Model;

/// <summary>
/// One instance with its template merged in and every placeholder expanded: everything a supervisor needs to run it.
/// </summary>
/// <param name="Command">argv. With <c>shell = true</c> it is <c>["/bin/sh", "-c", text]</c>.</param>
/// <param name="Environment">Only what the config adds (env table, leading NAME=value words, PORT, SVCMGR_INSTANCE,
/// SVCMGR_TEMPLATE); at spawn time the <see cref="EnvFile"/>'s entries go under it and the daemon's own environment
/// under those.</param>
public sealed record InstanceDefinition(
    string Id,
    string? Template,
    IReadOnlyList<string> Command,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory,
    int? Port,
    bool AutoStart,
    IReadOnlyList<string> Tags,
    RestartSettings Restart,
    StopSettings Stop,
    HealthCheckSettings? Health,
    long? MaxMemoryBytes,
    IReadOnlyList<Dependency> DependsOn,
    SourceLocation Location)
{
    /// <summary>Human-readable name (<c>display_name</c>, inherited from the template unless the instance sets its own).</summary>
    public string? DisplayName { get; init; }

    public string? Description { get; init; }

    public string? Category { get; init; }

    /// <summary>The config file, <c>svcmgr create</c> or <c>svcmgr start -- CMD</c>.</summary>
    public InstanceOrigin Origin { get; init; } = InstanceOrigin.Config;

    /// <summary>
    /// A dotenv file (absolute path: <c>env_file</c>, or <c>--env-file</c> of <c>svcmgr start --</c>) read again at every
    /// start, as systemd reads <c>EnvironmentFile=</c>: an edit reaches the next start or restart, a removed key is gone.
    /// Its entries go under <see cref="Environment"/>.
    /// </summary>
    public string? EnvFile { get; init; }

    /// <summary>
    /// The <see cref="EnvFile"/>'s entries as they were when the config was read (empty for ad-hoc instances, whose file
    /// is only checked). Starts never use them: they let a reload see that the file changed and restart the instance.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> EnvFileEntries { get; init; } = [];

    /// <summary><c>watch</c>: restart when a file under these paths changes; null without watch paths.</summary>
    public WatchSettings? Watch { get; init; }

    /// <summary><c>cron_restart</c>: restart a running instance at each tick.</summary>
    public CronSchedule? CronRestart { get; init; }

    /// <summary><c>schedule</c>: a job, started at each tick and left to exit.</summary>
    public CronSchedule? Schedule { get; init; }

    /// <summary><c>ready_log_line</c>: a regex (<see cref="Text.ReadyLinePattern"/>); a run is log-ready once a line of
    /// its output matches.</summary>
    public string? ReadyLogLine { get; init; }

    /// <summary>The replica group this instance is a member of (<c>instances = N</c>), and its index there.</summary>
    public string? Group { get; init; }

    /// <summary>The member's index in its <see cref="Group"/> (<c>{index}</c>); null outside a group.</summary>
    public int? Index { get; init; }

    /// <summary><c>listen</c>: the socket the daemon binds and passes as descriptor 3; null without one.</summary>
    public ListenAddress? Listen { get; init; }

    /// <summary><c>ready_timeout</c>: how long a replacement may take to become ready in a rolling reload.</summary>
    public TimeSpan ReadyTimeout { get; init; } = DefaultReadyTimeout;

    public static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>An instance with a <see cref="Schedule"/>: run at each tick, not kept running.</summary>
    public bool IsJob => Schedule is not null;

    /// <summary>True when running this definition would behave exactly like <paramref name="other"/> (location ignored).</summary>
    public bool SameAs(InstanceDefinition other) =>
        Id == other.Id && Template == other.Template && Command.SequenceEqual(other.Command)
        && Environment.Count == other.Environment.Count
        && Environment.All(kv => other.Environment.TryGetValue(kv.Key, out var v) && v == kv.Value)
        && WorkingDirectory == other.WorkingDirectory && Port == other.Port && AutoStart == other.AutoStart
        && Tags.SequenceEqual(other.Tags) && Restart == other.Restart && Stop == other.Stop && Health == other.Health
        && MaxMemoryBytes == other.MaxMemoryBytes && DependsOn.SequenceEqual(other.DependsOn)
        && Origin == other.Origin && EnvFile == other.EnvFile && EnvFileEntries.SequenceEqual(other.EnvFileEntries)
        && Equals(Watch, other.Watch) && Equals(CronRestart, other.CronRestart) && Equals(Schedule, other.Schedule)
        && ReadyLogLine == other.ReadyLogLine && Group == other.Group && Index == other.Index
        && Listen == other.Listen && ReadyTimeout == other.ReadyTimeout;
}
