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

    /// <summary>Stands in for an environment value the caller did not ask to see.</summary>
    public const string Hidden = "<hidden>";
}
