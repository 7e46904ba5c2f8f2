namespace ServiceManager.Config.Model;

/// <summary>A loaded, validated configuration.</summary>
/// <param name="Path">The file it came from. A file that does not exist loads as <see cref="Empty"/> with its path set;
/// null only for <see cref="Empty"/> itself.</param>
public sealed record ServicesConfig(
    string? Path,
    DaemonSettings Daemon,
    IReadOnlyDictionary<string, TemplateDefinition> Templates,
    IReadOnlyList<InstanceDefinition> Instances)
{
    public static ServicesConfig Empty { get; } =
        new(null, DaemonSettings.Default, new Dictionary<string, TemplateDefinition>(), []);

    /// <summary>The <c>[web]</c> table: null when the daemon runs no web front end.</summary>
    public WebSettings? Web { get; init; }

    /// <summary>The replica groups (<c>instances = N</c>), by name.</summary>
    public IReadOnlyDictionary<string, ReplicaGroup> Groups { get; init; } = new Dictionary<string, ReplicaGroup>(StringComparer.Ordinal);

    /// <summary>Templates as written, kept so that instances can be created from them at run time.</summary>
    internal IReadOnlyDictionary<string, Binding.RawService> RawTemplates { get; init; } = new Dictionary<string, Binding.RawService>();
}
