using System.Globalization;
using System.Text.Json;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Daemon.Tests;

/// <summary>The wire's timestamps are written by hand for speed; they must read exactly as the format string did.</summary>
public sealed class UtcTimestampConverterTests
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static TheoryData<DateTimeOffset> Edges() =>
    [
        new DateTimeOffset(2026, 11, 25, 16, 5, 24, 123, TimeSpan.Zero),
        new DateTimeOffset(2026, 11, 25, 16, 5, 24, 123, TimeSpan.Zero).AddTicks(9_999), // "fff" truncates
        new DateTimeOffset(2027, 1, 2, 3, 4, 5, 6, TimeSpan.FromHours(-8)),               // written in UTC
        new DateTimeOffset(2026, 12, 31, 23, 30, 0, 999, TimeSpan.FromHours(-1)),         // crosses into the next year
        DateTimeOffset.MinValue,
        DateTimeOffset.MaxValue,
        new DateTimeOffset(999, 2, 3, 4, 5, 6, 7, TimeSpan.Zero),
    ];

    [Theory]
    [MemberData(nameof(Edges))]
    public void Writes_the_same_text_as_the_format_string(DateTimeOffset at) =>
        Written(at).Should().Be(Expected(at));

    [Fact]
    public void Writes_the_same_text_as_the_format_string_for_many_instants()
    {
        var random = new Random(42);
        for (var i = 0; i < 10_000; i++)
        {
            var at = new DateTimeOffset(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), TimeSpan.Zero);
            Written(at).Should().Be(Expected(at));
        }
    }

    [Fact]
    public void Reads_back_what_it_writes_to_the_millisecond()
    {
        var at = new DateTimeOffset(2026, 11, 25, 16, 5, 24, 123, TimeSpan.FromHours(2));
        var json = JsonSerializer.Serialize(new LogLine("web-1", "stdout", at, "hi"), ProtocolJsonContext.Default.LogLine);

        JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.LogLine)!.At.Should().Be(at);
    }

    private static string Expected(DateTimeOffset at) => "\"" + at.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture) + "\"";

    private static string Written(DateTimeOffset at)
    {
        var json = JsonSerializer.Serialize(new LogLine("web-1", "stdout", at, "hi"), ProtocolJsonContext.Default.LogLine);
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("at").GetRawText();
    }
}
