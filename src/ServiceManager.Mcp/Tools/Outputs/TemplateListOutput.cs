using System.ComponentModel;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Mcp.Tools.Outputs;

/// <summary>Structured result of <c>list_templates</c>.</summary>
public sealed record TemplateListOutput(
    [property: Description("The templates of the daemon's config, sorted by id")] IReadOnlyList<TemplateInfo> Templates);
