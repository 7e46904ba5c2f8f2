using System.Text;

namespace ServiceManager.Config.Text;

/// <summary>
/// Expands <c>{placeholder}</c> and <c>${VAR}</c> / <c>${VAR:-default}</c> in one left-to-right pass, so a value
/// inserted by one is never re-scanned by the other. <c>{{name}}</c> and <c>$${</c> write the braces literally.
/// Other text is copied as is (<c>$HOME</c>, <c>{"a": 1}</c>), so shell scripts mostly need no escaping;
/// but every <c>${</c> must be a well-formed reference, since a typo there would otherwise pass silently.
/// </summary>
/// <param name="placeholders">Name to value; a null value means "known but not available here", with the reason
/// from <paramref name="unavailable"/>. Null disables <c>{...}</c> placeholders (env files).</param>
/// <param name="lookup">Resolves <c>${VAR}</c>; null result means unset.</param>
internal sealed class Expander(
    IReadOnlyDictionary<string, string?>? placeholders,
    Func<string, string?> lookup,
    Func<string, string>? unavailable = null)
{
    public static IReadOnlyList<string> KnownPlaceholders { get; } = ["port", "name", "working_dir", "config", "pid"];

    /// <summary>The expanded text, or null with <paramref name="error"/> set.</summary>
    public string? Expand(string text, out string? error)
    {
        error = null;
        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '$' && At(text, i + 1, "${"))
            {
                result.Append("${");
                i += 3;
            }
            else if (c == '$' && At(text, i + 1, "{"))
            {
                i = ExpandVariable(text, i, result, out error);
                if (error is not null) return null;
            }
            else if (c == '{' && placeholders is not null && TryPlaceholderName(text, i, out var name, out var length))
            {
                if (name.StartsWith('{'))
                {
                    // {{name}}: the literal text {name}.
                    result.Append('{').Append(name.AsSpan(1)).Append('}');
                }
                else if (placeholders.TryGetValue(name, out var value))
                {
                    if (value is null)
                    {
                        error = unavailable?.Invoke(name) ?? $"{{{name}}} is not available here";
                        return null;
                    }

                    result.Append(value);
                }
                else
                {
                    error = $"unknown placeholder {{{name}}}{Suggest.Hint(name, KnownPlaceholders)}; known: "
                        + string.Join(", ", KnownPlaceholders.Select(p => "{" + p + "}")) + " (write {{" + name + "}} for the literal text)";
                    return null;
                }

                i += length;
            }
            else
            {
                result.Append(c);
                i++;
            }
        }

        return result.ToString();
    }

    private int ExpandVariable(string text, int dollar, StringBuilder into, out string? error)
    {
        error = null;
        var nameStart = dollar + 2;
        var i = nameStart;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
        var name = text[nameStart..i];
        if (!ShellWords.IsVariableName(name) || i >= text.Length || (text[i] != '}' && !At(text, i, ":-")))
        {
            error = "malformed ${...}: expected ${NAME} or ${NAME:-default} (write $${ for a literal ${)";
            return text.Length;
        }

        var value = lookup(name);
        if (text[i] == '}')
        {
            if (value is null)
            {
                error = $"environment variable {name} is not set (write ${{{name}:-default}} to give a default)";
                return text.Length;
            }

            into.Append(value);
            return i + 1;
        }

        // ${NAME:-default}: the default runs to the matching brace, so it may itself hold {placeholders}.
        var defaultStart = i + 2;
        var depth = 1;
        var end = defaultStart;
        for (; end < text.Length; end++)
        {
            if (text[end] == '{') depth++;
            else if (text[end] == '}' && --depth == 0) break;
        }

        if (end >= text.Length)
        {
            error = $"unterminated ${{{name}:-...}}";
            return text.Length;
        }

        if (string.IsNullOrEmpty(value))
        {
            var fallback = Expand(text[defaultStart..end], out error);
            if (fallback is null) return text.Length;
            into.Append(fallback);
        }
        else
        {
            into.Append(value);
        }

        return end + 1;
    }

    // Matches {name} or {{name}} with name in [a-z_][a-z0-9_]*; name comes back with the extra '{' for the escaped form.
    private static bool TryPlaceholderName(string text, int open, out string name, out int length)
    {
        name = "";
        length = 0;
        var escaped = At(text, open + 1, "{");
        var start = open + (escaped ? 2 : 1);
        var i = start;
        if (i >= text.Length || !(char.IsAsciiLetterLower(text[i]) || text[i] == '_')) return false;
        while (i < text.Length && (char.IsAsciiLetterLower(text[i]) || char.IsAsciiDigit(text[i]) || text[i] == '_')) i++;
        if (!At(text, i, escaped ? "}}" : "}")) return false;
        name = (escaped ? "{" : "") + text[start..i];
        length = i - open + (escaped ? 2 : 1);
        return true;
    }

    private static bool At(string text, int index, string expected) =>
        index + expected.Length <= text.Length && string.CompareOrdinal(text, index, expected, 0, expected.Length) == 0;
}
