using System.Text.Json.Serialization;

namespace ServiceManager.Protocol.Messages;

/// <summary>One row of <c>list</c>. Not sealed: <see cref="InstanceDetail"/> extends it for <c>status</c>.</summary>
/// <param name="WaitingFor">The <c>depends_on</c> instances a requested start still waits for (not yet running, or
/// not yet healthy). In <c>list</c> left out when the instance is not waiting; <c>status</c> gives <c>[]</c>.</param>
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
    IReadOnlyList<string> Tags,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? WaitingFor = null);
