namespace ServiceManager.Config.Model;

/// <summary>A loaded, validated configuration. <see cref="Path"/> is null for "no config file".</summary>
public sealed record ServicesConfig(
    string? Path,
    DaemonSettings Daemon,
    IReadOnlyDictionary<string, TemplateDefinition> Templates,
    IReadOnlyList<InstanceDefinition> Instances)
{
    public static ServicesConfig Empty { get; } =
        new(null, DaemonSettings.Default, new Dictionary<string, TemplateDefinition>(), []);
}
