using ServiceManager.Config.Binding;
using ServiceManager.Config.Model;

namespace ServiceManager.Config.Resolution;

/// <summary>Rules between the file and the instances created at run time, which the file cannot see.</summary>
internal static class ReservationChecks
{
    public const string PortNote = " (created at run time; `svcmgr remove` it to free the port)";

    public static Dictionary<int, string> Ports(IReadOnlyCollection<ReservedInstance> reserved) =>
        reserved.Where(r => r.Port is not null).GroupBy(r => r.Port!.Value).ToDictionary(g => g.Key, g => g.First().Id);

    public static void Run(IReadOnlyList<(RawService Merged, string? TemplateId)> instances, IReadOnlyCollection<ReservedInstance> reserved, ErrorSink errors)
    {
        if (reserved.Count == 0) return;
        var ids = reserved.ToDictionary(r => r.Id, StringComparer.Ordinal);
        foreach (var (s, templateId) in instances)
        {
            if (ids.ContainsKey(s.Id))
                errors.Add(ConfigErrorKind.DuplicateId, s.Location, $"instances.{s.Id}", $"an instance '{s.Id}' was created at run time; `svcmgr remove {s.Id}` before defining it in the file");

            if (templateId is not null && s.SupportsMultiple?.Value == false
                && reserved.FirstOrDefault(r => r.Template == templateId) is { } other)
                errors.Add(ConfigErrorKind.SingleInstanceTemplate, s.Template!.Location, s.Template.Key,
                    $"template '{templateId}' has supports_multiple = false and instance '{other.Id}', created at run time, already uses it");
        }
    }
}
