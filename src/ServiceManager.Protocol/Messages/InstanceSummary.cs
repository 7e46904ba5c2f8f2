using System.Text.Json.Serialization;

namespace ServiceManager.Protocol.Messages;

/// <summary>One row of <c>list</c>. Not sealed: <see cref="InstanceDetail"/> extends it for <c>status</c>.</summary>
/// <param name="WaitingFor">The <c>depends_on</c> instances a requested start still waits for (not yet running, or
/// not yet healthy). In <c>list</c> left out when the instance is not waiting; <c>status</c> gives <c>[]</c>.
/// <see cref="WaitReasons"/> says why each is not ready.</param>
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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? WaitingFor = null)
{
    /// <summary>For each entry of <see cref="WaitingFor"/>: its condition and why it is not met; present when waiting.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<DependencyWaitInfo>? WaitReasons { get; init; }

    /// <summary>The replica group this instance is a member of (<c>instances = N</c>); absent outside a group.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Group { get; init; }

    /// <summary>A job's cron text (<c>schedule</c>); absent for other instances.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Schedule { get; init; }

    /// <summary>A job's next tick (UTC); absent when it has none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(NullableUtcTimestampConverter))]
    public DateTimeOffset? NextRun { get; init; }

    /// <summary><c>cron_restart</c>'s text; absent without one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CronRestart { get; init; }

    /// <summary>The next <c>cron_restart</c> tick (UTC); a tick restarts the instance only if it is running then.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(NullableUtcTimestampConverter))]
    public DateTimeOffset? NextRestart { get; init; }
}
