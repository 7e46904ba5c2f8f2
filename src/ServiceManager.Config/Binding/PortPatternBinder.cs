using System.Text.RegularExpressions;
using ServiceManager.Config.Model;
using ServiceManager.Config.Text;
using ServiceManager.Config.Toml;

namespace ServiceManager.Config.Binding;

/// <summary>Reads <c>[[daemon.port_patterns]]</c> (or an array of inline tables): <c>match</c>, <c>port</c>, optional <c>arg</c>.</summary>
internal sealed class PortPatternBinder(ErrorSink errors)
{
    private static readonly string[] _keys = ["match", "port", "arg"];

    private readonly ValueReader _read = new(errors);

    public Located<IReadOnlyList<PortPattern>>? Bind(TomlNode node, string key)
    {
        if (node is not TomlArrayNode array)
            return _read.Mismatch<IReadOnlyList<PortPattern>>(node, key, "an array of tables ([[daemon.port_patterns]])");

        var patterns = new List<PortPattern>();
        var valid = true;
        for (var i = 0; i < array.Items.Count; i++)
        {
            var itemKey = $"{key}[{i}]";
            if (array.Items[i] is not TomlTableNode table)
            {
                _read.Mismatch<object>(array.Items[i], itemKey, "a table with match and port");
                valid = false;
                continue;
            }

            if (BindOne(table, itemKey) is { } pattern) patterns.Add(pattern);
            else valid = false;
        }

        return valid ? new(patterns, key, node.Location) : null;
    }

    private PortPattern? BindOne(TomlTableNode table, string key)
    {
        Located<string>? match = null, arg = null;
        Located<int>? port = null;
        var errorsBefore = errors.Count;
        foreach (var entry in table.Entries)
        {
            var entryKey = $"{key}.{entry.Key}";
            switch (entry.Key)
            {
                case "match": match = _read.String(entry.Value, entryKey); break;
                case "port": port = _read.Port(entry.Value, entryKey); break;
                case "arg": arg = _read.String(entry.Value, entryKey); break;
                default: errors.Add(ConfigErrorKind.UnknownKey, entry.KeyLocation, entryKey, "unknown key" + Suggest.Hint(entry.Key, _keys)); break;
            }
        }

        if (match is not null) CheckMatch(match);
        if (arg is not null) CheckArg(arg);
        if (errors.Count > errorsBefore) return null;
        if (match is null || port is null)
        {
            errors.Add(ConfigErrorKind.MissingKey, table.Location, key, $"a port pattern needs {(match is null ? "match" : "port")}, e.g. {{ match = \"flask run\", port = 5000, arg = \"--port {{port}}\" }}");
            return null;
        }

        return new PortPattern(match.Value, port.Value, arg?.Value);
    }

    private void CheckMatch(Located<string> match)
    {
        if (string.IsNullOrWhiteSpace(match.Value))
        {
            errors.Add(ConfigErrorKind.InvalidValue, match.Location, match.Key, "empty pattern: give a command prefix such as \"flask run\", or a regular expression starting with ^");
            return;
        }

        if (!match.Value.StartsWith('^')) return;
        try
        {
            _ = new Regex(match.Value, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            errors.Add(ConfigErrorKind.InvalidValue, match.Location, match.Key, $"invalid regular expression: {ex.Message}");
        }
    }

    private void CheckArg(Located<string> arg)
    {
        if (!arg.Value.Contains("{port}", StringComparison.Ordinal))
        {
            errors.Add(ConfigErrorKind.InvalidValue, arg.Location, arg.Key, "arg must contain {port}, e.g. \"--port {port}\" or \"{port}\"");
            return;
        }

        if (ShellWords.Split(arg.Value, out var error) is null) errors.Add(ConfigErrorKind.InvalidValue, arg.Location, arg.Key, error!);
    }
}
