using System.Text.Json.Serialization;

namespace ServiceManager.Protocol.Messages;

/// <summary>
/// Params of the <c>event</c> notification. One flat shape for every <see cref="EventTypes">type</see>; fields that a
/// type does not use are left out of the JSON (not null), which keeps the frequent <c>metrics_updated</c> small.
/// </summary>
/// <param name="Instance">The instance concerned; absent for <c>metrics_updated</c> and <c>config_reloaded</c>.</param>
/// <param name="From">state_changed: the previous state.</param>
/// <param name="To">state_changed: the new state.</param>
/// <param name="Reason">state_changed: why (as in <c>status</c> transitions).</param>
/// <param name="System">metrics_updated: the machine.</param>
/// <param name="Instances">metrics_updated: every sampled instance.</param>
/// <param name="Added">config_reloaded: instance ids (also <paramref name="Removed"/>, <paramref name="Changed"/>).</param>
/// <param name="File">log_rotated: the live log file, empty again.</param>
/// <param name="RotatedTo">log_rotated: where its content went (absent when <c>log_max_files = 1</c> dropped it).</param>
/// <param name="Pid">state_changed: the instance's pid after the change (absent when no child runs).</param>
/// <param name="ExitCode">state_changed caused by the child ending on its own (a crash or a clean exit): its exit
/// code, absent when a signal killed it (also <paramref name="Signal"/>, <paramref name="StderrTail"/>).</param>
/// <param name="Signal">The signal that killed the child, by name (<c>SIGKILL</c>).</param>
/// <param name="StderrTail">The child's last stderr lines (at most 20), oldest first: usually why it ended.</param>
public sealed record EventNotification(
    string Subscription,
    string Type,
    [property: JsonConverter(typeof(UtcTimestampConverter))] DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Instance = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? From = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? To = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SystemMetricsInfo? System = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<MetricsPoint>? Instances = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Added = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Removed = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Changed = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? File = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RotatedTo = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Pid = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ExitCode = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Signal = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? StderrTail = null);
