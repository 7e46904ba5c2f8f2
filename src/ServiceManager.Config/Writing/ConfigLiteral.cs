using System.Text;

namespace ServiceManager.Config.Writing;

/// <summary>
/// Text as the config reader must give it back: a string value with <c>{name}</c> and <c>${</c> escaped (the reader
/// would otherwise expand them, docs/config.md "Placeholders"), quoted as a TOML basic string. For tools that write
/// a config from something else (<c>svcmgr import pm2</c>).
/// </summary>
public static class ConfigLiteral
{
    /// <summary><paramref name="text"/> as a TOML string whose value the config reader expands back to <paramref name="text"/>.</summary>
    public static string Expanding(string text) => Toml(EscapePlaceholders(text));

    /// <summary>Doubles the braces of every <c>{name}</c> and the <c>$</c> of every <c>${</c>: literal text for the reader.</summary>
    public static string EscapePlaceholders(string text)
    {
        var into = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                into.Append("$$");
                continue;
            }

            if (text[i] == '{' && PlaceholderEnd(text, i) is { } end)
            {
                into.Append('{').Append(text, i, end - i + 1).Append('}');
                i = end;
                continue;
            }

            into.Append(text[i]);
        }

        return into.ToString();
    }

    /// <summary>A TOML basic string: <c>"..."</c> with <c>\</c>, <c>"</c> and control characters escaped.</summary>
    public static string Toml(string text)
    {
        var into = new StringBuilder(text.Length + 2).Append('"');
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '"': into.Append("\\\""); break;
                case '\\': into.Append("\\\\"); break;
                case '\n': into.Append("\\n"); break;
                case '\r': into.Append("\\r"); break;
                case '\t': into.Append("\\t"); break;
                default:
                    if (char.IsControl(ch)) into.Append($"\\u{(int)ch:X4}");
                    else into.Append(ch);
                    break;
            }
        }

        return into.Append('"').ToString();
    }

    /// <summary>A key as TOML wants it: bare when it can be, else quoted.</summary>
    public static string Key(string key) =>
        key.Length > 0 && key.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-') ? key : Toml(key);

    // The index of the '}' closing a {name} (also inside {{name}}, which then gains one more pair) with name in
    // [a-z_][a-z0-9_]*, as the reader's placeholder syntax; null when the brace opens anything else.
    private static int? PlaceholderEnd(string text, int open)
    {
        var i = open + 1;
        if (i >= text.Length || !(char.IsAsciiLetterLower(text[i]) || text[i] == '_')) return null;
        while (i < text.Length && (char.IsAsciiLetterLower(text[i]) || char.IsAsciiDigit(text[i]) || text[i] == '_')) i++;
        return i < text.Length && text[i] == '}' ? i : null;
    }
}
