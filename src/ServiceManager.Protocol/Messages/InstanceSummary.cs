namespace ServiceManager.Protocol.Messages;

/// <summary>One row of <c>list</c>. Not sealed: <see cref="InstanceDetail"/> extends it for <c>status</c>.</summary>
public record InstanceSummary(
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
    IReadOnlyList<string> Tags);
