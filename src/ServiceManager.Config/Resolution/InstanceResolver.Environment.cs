using System.Globalization;
using ServiceManager.Config.Binding;
using ServiceManager.Config.Model;
using ServiceManager.Config.Text;

namespace ServiceManager.Config.Resolution;

internal sealed partial class InstanceResolver
{
    /// <summary>Lowest to highest: env_file, env table, leading assignments of the command, then PORT and the SVCMGR_ variables.</summary>
    private Dictionary<string, string> ResolveEnvironment(
        RawService s, string? templateId, int? port, Dictionary<string, string?> placeholders, List<KeyValuePair<string, string>> assignments)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (s.EnvFile is { } envFile)
        {
            foreach (var (name, value) in ReadEnvFile(envFile, placeholders)) environment[name] = value;
        }

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

    private IReadOnlyList<KeyValuePair<string, string>> ReadEnvFile(Located<string> envFile, Dictionary<string, string?> placeholders)
    {
        if (Expand(envFile, placeholders) is not { Length: > 0 } relative) return [];
        var path = Path.GetFullPath(Path.Combine(context.ConfigDir, relative));
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var reason = ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : ex.Message;
            Errors.Add(envFile.Location, envFile.Key, $"cannot read env file {path}: {reason}");
            return [];
        }

        return EnvFile.Parse(text, path, context.Environment, Errors);
    }
}
