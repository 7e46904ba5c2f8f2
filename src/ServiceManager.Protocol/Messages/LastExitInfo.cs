using System.Text.Json.Serialization;

namespace ServiceManager.Protocol.Messages;

/// <summary>How an instance's last run ended: an exit code or a signal name.</summary>
public sealed record LastExitInfo(int? Code, string? Signal, [property: JsonConverter(typeof(UtcTimestampConverter))] DateTimeOffset At);
