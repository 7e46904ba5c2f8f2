namespace ServiceManager.Protocol.Messages;

/// <summary>One template, as shown by <c>templates</c>.</summary>
public sealed record TemplateInfo(
    string Id,
    string? DisplayName,
    string? Description,
    string? Category,
    string? StartCommand,
    int? DefaultPort,
    IReadOnlyList<int>? PortRange,
    bool SupportsMultiple,
    IReadOnlyList<string> Instances);
