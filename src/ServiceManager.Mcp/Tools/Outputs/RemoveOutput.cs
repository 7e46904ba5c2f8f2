using System.ComponentModel;

namespace ServiceManager.Mcp.Tools.Outputs;

/// <summary>Structured result of <c>remove_instance</c>.</summary>
public sealed record RemoveOutput([property: Description("Ids of the instances stopped and forgotten")] IReadOnlyList<string> Removed);
