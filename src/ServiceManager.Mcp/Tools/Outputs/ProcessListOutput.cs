using System.ComponentModel;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Mcp.Tools.Outputs;

/// <summary>Structured result of <c>list_processes</c> (MCP wants an object at the top, so the list is wrapped).</summary>
public sealed record ProcessListOutput(
    [property: Description("The matching instances in numeric-id order")] IReadOnlyList<InstanceSummary> Processes);
