using System.ComponentModel;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Mcp.Tools.Outputs;

/// <summary>Structured result of the tools that act on one instance: what was done and the instance afterwards.</summary>
public sealed record ProcessActionOutput(
    [property: Description("started, already running, stopped, already stopped, restarted, reloaded, scaled or created")] string Action,
    [property: Description("The instance after the action (for a replica group: its first member)")] InstanceSummary Process,
    [property: Description("For a replica group: every member after the action; null for a single instance")] IReadOnlyList<InstanceSummary>? Members = null);
