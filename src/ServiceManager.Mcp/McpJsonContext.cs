using System.Text.Json;
using System.Text.Json.Serialization;
using ModelContextProtocol;
using ServiceManager.Mcp.Tools;
using ServiceManager.Mcp.Tools.Outputs;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Mcp;

/// <summary>
/// Source-generated JSON for tool arguments, structured results and output schemas, so that neither binding nor
/// schema generation needs reflection (NativeAOT).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ProcessListOutput))]
[JsonSerializable(typeof(ProcessActionOutput))]
[JsonSerializable(typeof(LogsOutput))]
[JsonSerializable(typeof(TemplateListOutput))]
[JsonSerializable(typeof(RemoveOutput))]
[JsonSerializable(typeof(InstanceDetail))]
[JsonSerializable(typeof(LogStream?))]
[JsonSerializable(typeof(ProcessState?))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(bool))]
internal sealed partial class McpJsonContext : JsonSerializerContext
{
    /// <summary>The SDK's defaults with our types first; the naming policy is set again because copied options do not take it from a context.</summary>
    public static JsonSerializerOptions ToolOptions => s_toolOptions ??= CreateToolOptions();

    // Not a static initializer: that would run before the generated Default exists.
    private static JsonSerializerOptions? s_toolOptions;

    private static JsonSerializerOptions CreateToolOptions()
    {
        var options = new JsonSerializerOptions(McpJsonUtilities.DefaultOptions)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        };
        options.TypeInfoResolverChain.Insert(0, Default);
        options.MakeReadOnly();
        return options;
    }
}
