using System.Text;
using ServiceManager.Config.Writing;

namespace ServiceManager.Daemon.Host.Import;

/// <summary>One TOML table being written: its header, comments, then <c>key = value</c> lines in the order added.
/// String values go through <see cref="ConfigLiteral.Expanding"/>, so the config reader reads back exactly them.</summary>
internal sealed class TomlTableText(string header)
{
    private readonly List<string> _comments = [];
    private readonly List<string> _lines = [];

    public string Header { get; } = header;

    public bool IsEmpty => _lines.Count == 0;

    public TomlTableText Comment(string text)
    {
        _comments.Add("# " + text.ReplaceLineEndings(" "));
        return this;
    }

    public TomlTableText String(string key, string value) => Line(key, ConfigLiteral.Expanding(value));

    public TomlTableText Integer(string key, long value) => Line(key, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public TomlTableText Integers(string key, params long[] values) =>
        Line(key, "[" + string.Join(", ", values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]");

    public TomlTableText Boolean(string key, bool value) => Line(key, value ? "true" : "false");

    public TomlTableText Strings(string key, IEnumerable<string> values) =>
        Line(key, "[" + string.Join(", ", values.Select(ConfigLiteral.Expanding)) + "]");

    public void WriteTo(StringBuilder into)
    {
        foreach (var comment in _comments) into.Append(comment).Append('\n');
        into.Append('[').Append(Header).Append("]\n");
        foreach (var line in _lines) into.Append(line).Append('\n');
        into.Append('\n');
    }

    private TomlTableText Line(string key, string literal)
    {
        _lines.Add($"{ConfigLiteral.Key(key)} = {literal}");
        return this;
    }
}
