using System.Globalization;
using ServiceManager.Config.Binding;
using ServiceManager.Config.Model;
using ServiceManager.Config.Text;

namespace ServiceManager.Config.Resolution;

internal sealed partial class InstanceResolver
{
    /// <summary>
    /// Lowest to highest: env table, leading assignments of the command, then PORT and the SVCMGR_ variables. The
    /// env_file goes under all of them, but at each start (see <see cref="ResolveEnvFile"/>).
    /// </summary>
    private Dictionary<string, string> ResolveEnvironment(
        RawService s, string? templateId, int? port, Dictionary<string, string?> placeholders, List<KeyValuePair<string, string>> assignments)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in s.Env ?? [])
        {
            if (Expand(entry.Value, placeholders) is { } value) environment[entry.Name] = value;
        }

        foreach (var (name, value) in assignments) environment[name] = value;
        if (port is { } p) environment[ChildVariables.Port] = p.ToString(CultureInfo.InvariantCulture);
        environment[ChildVariables.Instance] = s.Id;
        environment[ChildVariables.Template] = templateId ?? "";
        return environment;
    }

    /// <summary>
    /// The env_file's absolute path and its entries now. It is read here so that a missing or malformed file is a config
    /// error with its position, like any other; starts read it again.
    /// </summary>
    private (string? Path, IReadOnlyList<KeyValuePair<string, string>> Entries) ResolveEnvFile(RawService s, Dictionary<string, string?> placeholders)
    {
        if (s.EnvFile is not { } envFile || Expand(envFile, placeholders) is not { Length: > 0 } relative) return (null, []);
        var path = Path.GetFullPath(Path.Combine(context.ConfigDir, relative));
        return (path, ReadEnvFile(envFile, path));
    }

    private IReadOnlyList<KeyValuePair<string, string>> ReadEnvFile(Located<string> envFile, string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var reason = ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : ex.Message;
            Errors.Add(ConfigErrorKind.Unreadable, envFile.Location, envFile.Key, $"cannot read env file {path}: {reason}");
            return [];
        }

        return EnvFile.Parse(text, path, context.Environment, Errors);
    }
}
