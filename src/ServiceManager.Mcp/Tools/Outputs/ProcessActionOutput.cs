using System.ComponentModel;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Mcp.Tools.Outputs;

/// <summary>Structured result of the tools that act on one instance: what was done and the instance afterwards.</summary>
public sealed record ProcessActionOutput(
    [property: Description("started, already running, stopped, already stopped, restarted or created")] string Action,
    [property: Description("The instance after the action")] InstanceSummary Process);
