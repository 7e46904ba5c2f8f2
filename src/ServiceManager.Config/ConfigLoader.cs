using System.Collections;
using ServiceManager.Config.Binding;
using ServiceManager.Config.Model;
using ServiceManager.Config.Resolution;
using ServiceManager.Config.Toml;

namespace ServiceManager.Config;

/// <summary>Reads and validates <c>services.toml</c>. Every problem in the file is reported at once, each with file, line, column and key.</summary>
public static partial class ConfigLoader
{
    /// <summary>Loads the file at <paramref name="path"/>; a file that does not exist means "no services".</summary>
    /// <param name="environment">Resolves <c>${VAR}</c>: normally the daemon's own environment.</param>
    /// <param name="reserved">Instances created at run time: the file may not reuse their ids or ports (automatic ports
    /// skip theirs), nor add a second instance of their single-instance template.</param>
    /// <param name="replicaCounts">Replica counts set at run time (<c>svcmgr scale</c>) by group: they win over the file's <c>instances</c>.</param>
    /// <exception cref="ConfigException">The file is invalid or unreadable.</exception>
    public static ServicesConfig Load(
        string path, IReadOnlyDictionary<string, string> environment, IReadOnlyCollection<ReservedInstance>? reserved = null,
        IReadOnlyDictionary<string, int>? replicaCounts = null)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return ServicesConfig.Empty with { Path = fullPath };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException([new ConfigError(new SourceLocation(fullPath, 1, 1), "", "cannot read the config file: " + ex.Message, ConfigErrorKind.Unreadable)]);
        }

        return Parse(text, fullPath, environment, reserved, replicaCounts);
    }

    /// <summary>Parses config text as if read from <paramref name="path"/>, which names it in errors and anchors <c>{config}</c> and relative paths.</summary>
    /// <exception cref="ConfigException">The text is invalid.</exception>
    public static ServicesConfig Parse(
        string text, string path, IReadOnlyDictionary<string, string> environment, IReadOnlyCollection<ReservedInstance>? reserved = null,
        IReadOnlyDictionary<string, int>? replicaCounts = null)
    {
        var errors = new ErrorSink();
        var root = TomlTreeBuilder.Build(text, path, errors);
        if (root is null)
        {
            errors.ThrowIfAny();
            throw new ConfigException([new ConfigError(new SourceLocation(path, 1, 1), "", "invalid TOML", ConfigErrorKind.Syntax)]);
        }

        var document = new DocumentBinder(errors).Bind(root);
        var daemon = document.Daemon.ToSettings();
        var templates = document.Templates.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var merged = ReplicaExpansion.Expand(
            MergeTemplates(document.Instances, templates, errors), replicaCounts ?? new Dictionary<string, int>(), errors, out var groups);

        reserved ??= [];
        var ports = PortAssigner.Assign(
            merged.Select(m => m.Merged).ToList(), daemon, errors, ReservationChecks.Ports(reserved), takenNote: ReservationChecks.PortNote);
        CrossChecks.Run(merged, document.Instances.Select(i => i.Id).Concat(merged.Select(m => m.Merged.Id)).ToHashSet(StringComparer.Ordinal), errors);
        ReservationChecks.Run(merged, reserved, errors);

        var context = new ResolutionContext(ConfigDirectory(path), environment, daemon, errors);
        var resolver = new InstanceResolver(context);
        var instances = new List<InstanceDefinition>();
        foreach (var (instance, templateId) in merged)
        {
            if (resolver.Resolve(instance, templateId, ports.GetValueOrDefault(instance.Id)) is { } resolved) instances.Add(resolved);
        }

        errors.ThrowIfAny();
        return new ServicesConfig(path, daemon, templates.ToDictionary(t => t.Key, t => TemplateSummary.From(t.Value), StringComparer.Ordinal), instances)
        {
            RawTemplates = templates,
            Groups = groups,
            Web = document.Web.ToSettings(ConfigDirectory(path)),
        };
    }

    /// <summary>The current process's environment, for <see cref="Load"/>.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value) result[key] = value;
        }

        return result;
    }

    private static List<(RawService Merged, string? TemplateId)> MergeTemplates(
        IReadOnlyList<RawService> instances, Dictionary<string, RawService> templates, ErrorSink errors)
    {
        var merged = new List<(RawService, string?)>();
        foreach (var instance in instances)
        {
            if (instance.Template is not { } template)
            {
                if (!instance.InvalidKeys.Contains("template")) merged.Add((instance, null));
            }
            else if (templates.TryGetValue(template.Value, out var raw))
            {
                merged.Add((instance.Over(raw), template.Value));
            }
            else
            {
                var known = templates.Count == 0 ? "; the file defines no templates" : "; templates: " + string.Join(", ", templates.Keys);
                errors.Add(ConfigErrorKind.UnknownReference, template.Location, template.Key, $"unknown template '{template.Value}'{Text.Suggest.Hint(template.Value, templates.Keys)}{known}");
            }
        }

        return merged;
    }

    private static string ConfigDirectory(string path) =>
        System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? "/";
}
