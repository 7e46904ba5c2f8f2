using System.Text.Json.Serialization;

namespace ServiceManager.Protocol.Messages;

/// <summary>One sample of an instance's metrics history in <c>inspect</c>.</summary>
public sealed record MetricsHistoryPoint(
    [property: JsonConverter(typeof(UtcTimestampConverter))] DateTimeOffset At,
    double? CpuPercent,
    long MemoryBytes);
