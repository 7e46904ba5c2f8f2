using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ServiceManager.Mcp.Tools;

/// <summary>
/// Arguments the SDK cannot bind (a value outside an enum, a missing required one) fail before a tool runs; the SDK
/// would answer only "An error occurred invoking ...". This says what was wrong, so the model can fix the call.
/// </summary>
internal static class ArgumentErrorFilter
{
    private static readonly (string Tool, string Argument, string[] Values)[] Enums =
    [
        ("list_processes", "status", Enum.GetValues<ProcessState>().Select(Wire.State).ToArray()),
        ("get_process_logs", "stream", Enum.GetValues<LogStream>().Select(Wire.Stream).ToArray()),
    ];

    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Wrap(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (request, ct) =>
        {
            var tool = request.Params?.Name;
            if (BadEnum(tool, request.Params?.Arguments) is { } problem) return ToolResults.Error($"Invalid arguments for {tool}: {problem}");
            try
            {
                return await next(request, ct);
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException)
            {
                return ToolResults.Error($"Invalid arguments for {tool}: {ex.Message} Check the tool's input schema and call it again.");
            }
        };

    private static string? BadEnum(string? tool, IDictionary<string, JsonElement>? arguments)
    {
        if (arguments is null) return null;
        foreach (var (enumTool, argument, values) in Enums)
        {
            if (enumTool != tool || !arguments.TryGetValue(argument, out var value) || value.ValueKind == JsonValueKind.Null) continue;
            if (value.ValueKind != JsonValueKind.String || !values.Contains(value.GetString(), StringComparer.Ordinal))
                return $"{argument} must be one of {string.Join(", ", values)} (or omitted); got {value.GetRawText()}";
        }

        return null;
    }
}
