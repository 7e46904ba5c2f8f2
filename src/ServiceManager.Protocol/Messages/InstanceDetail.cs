using System.Text.Json.Serialization;

namespace ServiceManager.Protocol.Messages;

/// <summary>Result of <c>status</c>: the summary plus how the instance is run and its recent transitions.</summary>
public sealed record InstanceDetail(
    string Id,
    int NumericId,
    string? Template,
    string State,
    string Health,
    int? Pid,
    int? Port,
    long? UptimeMs,
    int Restarts,
    LastExitInfo? LastExit,
    double? CpuPercent,
    long? MemoryBytes,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Command,
    string WorkingDirectory,
    string RestartPolicy,
    bool AutoStart,
    string? LastError,
    IReadOnlyList<TransitionInfo> Transitions,
    IReadOnlyList<string>? WaitingFor = null)
    : InstanceSummary(Id, NumericId, Template, State, Health, Pid, Port, UptimeMs, Restarts, LastExit, CpuPercent,
        MemoryBytes, Tags, WaitingFor)
{
    /// <summary>What the config adds to the child's environment (env_file, env, leading NAME=value words, PORT...).
    /// The values are <see cref="Hidden"/> unless the request asked for them (<c>showEnv</c>): they are often secrets.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary><c>depends_on</c> as configured (empty without dependencies).</summary>
    public IReadOnlyList<DependencyInfo> DependsOn { get; init; } = [];

    /// <summary>What the instance watches; absent without <c>watch</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WatchInfo? Watch { get; init; }

    /// <summary><c>ready_log_line</c>; absent without one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReadyLogLine { get; init; }

    /// <summary>Whether the running child printed its ready line; absent without <c>ready_log_line</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? LogReady { get; init; }

    /// <summary><c>status GROUP</c>: every member of the replica group, in index order (the other fields are member
    /// 0's); absent when the name is an instance.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<InstanceSummary>? Members { get; init; }

    /// <summary>Stands in for an environment value the caller did not ask to see.</summary>
    public const string Hidden = "<hidden>";
}
