using System.Text.Json.Serialization;

namespace ServiceManager.Protocol.Messages;

/// <summary>One captured line: <c>stream</c> is "stdout" or "stderr"; <c>at</c> is UTC.</summary>
public sealed record LogLine(string Instance, string Stream, [property: JsonConverter(typeof(UtcTimestampConverter))] DateTimeOffset At, string Text);
