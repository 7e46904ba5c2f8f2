using System.Text.Json.Serialization;

namespace ServiceManager.Protocol.Messages;

/// <summary>One recorded state change of an instance.</summary>
public sealed record TransitionInfo(string From, string To, [property: JsonConverter(typeof(UtcTimestampConverter))] DateTimeOffset At, string Reason);
