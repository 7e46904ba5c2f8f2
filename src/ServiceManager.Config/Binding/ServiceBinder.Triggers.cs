using ServiceManager.Config.Model;
using ServiceManager.Config.Text;
using ServiceManager.Config.Toml;

namespace ServiceManager.Config.Binding;

// watch, watch_ignore, cron_restart, schedule and ready_log_line: what makes the daemon act on an instance by itself.
internal sealed partial class ServiceBinder
{
    private Located<IReadOnlyList<string>>? Watch(TomlNode node, string key) => node switch
    {
        // pm2's watch: true watches the working directory; false is the same as leaving the key out.
        TomlScalarNode { Value: true } => new(["."], key, node.Location),
        TomlScalarNode { Value: false } => new([], key, node.Location),
        TomlArrayNode => Globs(node, key),
        _ => _read.Mismatch<IReadOnlyList<string>>(node, key, "an array of paths or globs, e.g. [\"src\", \"config/*.toml\"]"),
    };

    private Located<IReadOnlyList<string>>? Globs(TomlNode node, string key)
    {
        if (_read.StringArray(node, key) is not { } globs) return null;
        var ok = true;
        foreach (var (glob, item) in globs.Value.Zip(((TomlArrayNode)node).Items))
        {
            if (PathGlob.TryParse(glob, out _, out var error)) continue;
            errors.Add(ConfigErrorKind.InvalidValue, item.Location, key, $"\"{glob}\": {error}");
            ok = false;
        }

        return ok ? globs : null;
    }

    private Located<string>? Cron(TomlNode node, string key)
    {
        if (_read.String(node, key) is not { } text) return null;
        if (CronSchedule.TryParse(text.Value, seed: 0, out _, out var error)) return text;
        errors.Add(ConfigErrorKind.InvalidValue, node.Location, key,
            $"invalid cron expression \"{text.Value}\": {error}; expected 5 fields (minute hour day-of-month month day-of-week), e.g. \"*/5 * * * *\", or @hourly, @daily, @weekly, @monthly, @yearly");
        return null;
    }

    private Located<string>? ReadyLine(TomlNode node, string key)
    {
        if (_read.String(node, key) is not { } text) return null;
        if (ReadyLinePattern.TryCompile(text.Value, out _, out var error)) return text;
        errors.Add(ConfigErrorKind.InvalidValue, node.Location, key, error);
        return null;
    }

    /// <summary>Checked again per instance once <c>{port}</c> is known; here only the form, so a template's error is reported once.</summary>
    private Located<string>? ListenText(TomlNode node, string key)
    {
        if (_read.String(node, key) is not { } text) return null;
        if (text.Value.StartsWith("tcp://", StringComparison.Ordinal) || text.Value.StartsWith("unix:", StringComparison.Ordinal)) return text;
        errors.Add(ConfigErrorKind.InvalidValue, node.Location, key, $"{ListenAddress.Expected}, got \"{text.Value}\"");
        return null;
    }
}
