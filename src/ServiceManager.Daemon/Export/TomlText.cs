using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ServiceManager.Daemon.Export;

/// <summary>Values for <c>services.toml</c>: TOML basic strings, with the config's own placeholders escaped so a
/// resolved value reads back as itself (<c>{name}</c> → <c>{{name}}</c>, <c>${</c> → <c>$${</c>; docs/config.md).</summary>
public static partial class TomlText
{
    /// <summary>A literal value: placeholders escaped, then a TOML string.</summary>
    public static string Literal(string value) => String(EscapePlaceholders(value));

    /// <summary>A TOML basic string of <paramref name="value"/> as it is.</summary>
    public static string String(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }

    public static string Array(IEnumerable<string> values, Func<string, string> item) => "[" + string.Join(", ", values.Select(item)) + "]";

    /// <summary>A key: bare when it may be, quoted otherwise (an environment variable's name can be anything).</summary>
    public static string Key(string key) => BareKey().IsMatch(key) ? key : String(key);

    public static string Duration(TimeSpan span) => String(((long)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms");

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>What the config's expander reads back as <paramref name="value"/>.</summary>
    public static string EscapePlaceholders(string value) =>
        Placeholder().Replace(value.Replace("${", "$${", StringComparison.Ordinal), "{$0}");

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex BareKey();

    [GeneratedRegex(@"\{[a-z_][a-z0-9_]*\}")]
    private static partial Regex Placeholder();
}
