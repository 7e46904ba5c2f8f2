using System.ComponentModel;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Mcp.Tools.Outputs;

/// <summary>Structured result of <c>get_process_logs</c>.</summary>
public sealed record LogsOutput(
    [property: Description("The lines, oldest first")] IReadOnlyList<LogLine> Lines,
    [property: Description("How many recent lines were searched (equals the number of lines when there is no filter)")] int Scanned);
