using ServiceManager.Config.Binding;
using ServiceManager.Config.Model;
using ServiceManager.Config.Resolution;

namespace ServiceManager.Config;

public static partial class ConfigLoader
{
    /// <summary>
    /// Resolves a new instance of a template at run time (<c>svcmgr create</c>) by the same rules as one written in the file.
    /// Errors about the request's own values carry the key <c>template</c> (unknown or single-instance template), <c>id</c>
    /// (invalid or taken) or <c>instances.ID.port</c> (out of range, or in use); any other is the template's. A taken
    /// port, or none free in the range, is <see cref="ConfigErrorKind.PortConflict"/>.
    /// </summary>
    /// <param name="existing">Every instance that exists now (from the file and created at run time): their ids and ports are taken.</param>
    /// <param name="instanceId">Null: <c>TEMPLATE-N</c> with the lowest free N.</param>
    /// <param name="isPortInUse">Whether a process on the machine holds a port: automatic choices skip such ports and
    /// an explicit one is refused. Null: only other instances count.</param>
    /// <exception cref="ConfigException">The instance cannot be created.</exception>
    public static InstanceDefinition CreateInstance(
        ServicesConfig config,
        string templateId,
        string? instanceId,
        int? port,
        IReadOnlyCollection<InstanceDefinition> existing,
        IReadOnlyDictionary<string, string> environment,
        Func<int, bool>? isPortInUse = null)
    {
        var file = config.Path ?? "(no config file)";
        if (!config.RawTemplates.TryGetValue(templateId, out var template))
            throw Single(ConfigErrorKind.UnknownReference, new SourceLocation(file, 1, 1), "template", $"unknown template '{templateId}'");

        var ids = existing.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        if (template.SupportsMultiple?.Value == false && existing.FirstOrDefault(e => e.Template == templateId) is { } other)
            throw Single(ConfigErrorKind.SingleInstanceTemplate, template.Location, "template", $"template '{templateId}' has supports_multiple = false and instance '{other.Id}' already uses it");

        var id = instanceId ?? Enumerable.Range(1, int.MaxValue - 1).Select(n => $"{templateId}-{n}").First(c => !ids.Contains(c));
        if (!DocumentBinder.IsValidId(id)) throw Single(ConfigErrorKind.InvalidValue, template.Location, "id", $"invalid id \"{id}\": {DocumentBinder.IdRule}");
        if (ids.Contains(id)) throw Single(ConfigErrorKind.DuplicateId, template.Location, "id", $"an instance '{id}' already exists");

        var location = template.Location;
        var instance = new RawService("instances", id, location)
        {
            Template = new Located<string>(templateId, $"instances.{id}.template", location),
        };
        if (port is { } p)
        {
            if (p is < 1 or > 65535) throw Single(ConfigErrorKind.InvalidValue, location, instance.KeyPath("port"), $"must be between 1 and 65535, got {p}");
            if (existing.FirstOrDefault(e => e.Port == p) is null && (isPortInUse?.Invoke(p) ?? false))
                throw Single(ConfigErrorKind.PortConflict, location, instance.KeyPath("port"), $"port {p} is in use on this machine by a process that is not one of this daemon's instances");
            instance.Port = new Located<int>(p, instance.KeyPath("port"), location);
        }

        var merged = instance.Over(template);
        var errors = new ErrorSink();
        var taken = existing.Where(e => e.Port is not null).GroupBy(e => e.Port!.Value).ToDictionary(g => g.Key, g => g.First().Id);
        var ports = PortAssigner.Assign([merged], config.Daemon, errors, taken, isPortInUse);
        var context = new ResolutionContext(System.IO.Path.GetDirectoryName(file) ?? "/", environment, config.Daemon, errors);
        var resolved = errors.Count == 0 ? new InstanceResolver(context).Resolve(merged, templateId, ports.GetValueOrDefault(id)) : null;
        errors.ThrowIfAny();
        return resolved! with { Origin = InstanceOrigin.Created };
    }

    /// <summary>Reads a dotenv file as <c>env_file</c> does (KEY=VALUE, export, quotes, comments, <c>${VAR}</c>).</summary>
    /// <param name="environment">What <c>${VAR}</c> falls back to when the file has not defined VAR itself.</param>
    /// <exception cref="ConfigException">The file cannot be read, or a line is invalid (errors name the file, line and column).</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> ReadEnvFile(string path, IReadOnlyDictionary<string, string> environment)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var reason = ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : ex.Message;
            throw Single(ConfigErrorKind.Unreadable, new SourceLocation(fullPath, 1, 1), "env_file", $"cannot read env file {fullPath}: {reason}");
        }

        var errors = new ErrorSink();
        var entries = Text.EnvFile.Parse(text, fullPath, environment, errors);
        errors.ThrowIfAny();
        return entries;
    }

    private static ConfigException Single(ConfigErrorKind kind, SourceLocation location, string key, string message) =>
        new([new ConfigError(location, key, message, kind)]);
}
