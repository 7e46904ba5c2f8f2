using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol.Protocol;

namespace ServiceManager.Mcp.Tools;

/// <summary>Builds tool results: a short text for the model and people, plus the same facts as structured content.</summary>
internal static class ToolResults
{
    public static CallToolResult Success<T>(string text, T structured, JsonTypeInfo<T> typeInfo) => new()
    {
        Content = [new TextContentBlock { Text = text }],
        StructuredContent = JsonSerializer.SerializeToElement(structured, typeInfo),
    };

    /// <summary>An error the model can act on: reported as a result with <c>isError</c>, not as a protocol failure.</summary>
    public static CallToolResult Error(string text) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = text }],
    };
}
