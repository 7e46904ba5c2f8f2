namespace ServiceManager.Config.Model;

/// <summary>A <c>[templates.ID]</c> table as written (placeholders not yet expanded: they depend on the instance).</summary>
public sealed record TemplateDefinition(
    string Id,
    string? DisplayName,
    string? Description,
    string? Category,
    string? StartCommand,
    int? DefaultPort,
    PortRange? PortRange,
    bool SupportsMultiple,
    string? HealthEndpoint,
    IReadOnlyList<string> Tags,
    SourceLocation Location);
