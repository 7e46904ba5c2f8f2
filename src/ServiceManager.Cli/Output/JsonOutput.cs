using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ServiceManager.Protocol;

namespace ServiceManager.Cli.Output;

/// <summary>Writes results as JSON with the wire's own source-generated contracts.</summary>
internal static class JsonOutput
{
    /// <summary>For commands that print one document: indented.</summary>
    public static ProtocolJsonContext Document { get; } = Create(indented: true);

    /// <summary>For streaming commands: one compact object per line.</summary>
    public static ProtocolJsonContext Lines { get; } = Create(indented: false);

    private static ProtocolJsonContext Create(bool indented) => new(Options(indented));

    /// <summary>The options of every JSON svcmgr prints, for contexts of its own (<c>doctor port</c>'s).</summary>
    public static JsonSerializerOptions Options(bool indented) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = indented,
        // Output for people and scripts alike: no \u003E for '>' in log text.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write<T>(T value, JsonTypeInfo<T> info) => Console.Out.WriteLine(JsonSerializer.Serialize(value, info));
}
