using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceManager.Protocol;

/// <summary><see cref="UtcTimestampConverter"/> for an optional time (null stays null).</summary>
public sealed class NullableUtcTimestampConverter : JsonConverter<DateTimeOffset?>
{
    private static readonly UtcTimestampConverter Inner = new();

    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : Inner.Read(ref reader, typeof(DateTimeOffset), options);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } at) Inner.Write(writer, at, options);
        else writer.WriteNullValue();
    }
}
