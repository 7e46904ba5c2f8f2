using ServiceManager.Config.Binding;
using ServiceManager.Config.Model;
using ServiceManager.Config.Text;

namespace ServiceManager.Config.Resolution;

/// <summary>The public, as-written view of a template.</summary>
internal static class TemplateSummary
{
    public static TemplateDefinition From(RawService t) => new(
        t.Id,
        t.DisplayName?.Value,
        t.Description?.Value,
        t.Category?.Value,
        t.StartCommand?.Value is { } c ? c.Text ?? string.Join(' ', c.Arguments!.Select(ShellWords.Quote)) : null,
        t.DefaultPort?.Value,
        t.PortRange?.Value,
        t.SupportsMultiple?.Value ?? true,
        t.HealthEndpoint?.Value,
        t.Tags?.Value ?? [],
        t.Location);
}
