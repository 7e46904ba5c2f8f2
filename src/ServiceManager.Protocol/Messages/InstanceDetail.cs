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
        MemoryBytes, Tags, WaitingFor);
