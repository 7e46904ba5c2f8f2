using System.Text;
using ServiceManager.Config.Model;

namespace ServiceManager.Config.Text;

/// <summary>
/// Reads a dotenv-style file: <c>KEY=VALUE</c> lines, optional <c>export </c>, <c># comments</c>, blank lines,
/// 'single' (literal) or "double" quoted values, and <c>${VAR}</c> references to earlier keys or the environment.
/// </summary>
internal static class EnvFile
{
    /// <summary>The assignments in file order; problems are recorded with the env file's own line and column.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(
        string text, string file, IReadOnlyDictionary<string, string> environment, ErrorSink errors)
    {
        var entries = new List<KeyValuePair<string, string>>();
        var defined = new Dictionary<string, string>(StringComparer.Ordinal);
        var expander = new Expander(null, name => defined.TryGetValue(name, out var v) ? v : environment.GetValueOrDefault(name));
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].TrimEnd('\r');
            var start = line.Length - line.TrimStart().Length;
            var body = line.Trim();
            if (body.Length == 0 || body.StartsWith('#')) continue;
            if (body.StartsWith("export ", StringComparison.Ordinal) || body.StartsWith("export\t", StringComparison.Ordinal))
            {
                var trimmed = body[7..].TrimStart();
                start += body.Length - trimmed.Length;
                body = trimmed;
            }

            var at = new SourceLocation(file, n + 1, start + 1);
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                // The line itself is not quoted back: it may well be a secret that lost its "KEY=".
                errors.Add(ConfigErrorKind.Syntax, at, "", "expected KEY=VALUE");
                continue;
            }

            var name = body[..equals].TrimEnd();
            if (!ShellWords.IsVariableName(name))
            {
                errors.Add(ConfigErrorKind.Syntax, at, name, "invalid variable name: use letters, digits and '_', not starting with a digit");
                continue;
            }

            var rawValue = body[(equals + 1)..].TrimStart();
            var valueAt = at with { Column = start + 1 + body.Length - rawValue.Length };
            var value = ReadValue(rawValue, expander, out var error);
            if (value is null)
            {
                errors.Add(ConfigErrorKind.Syntax, valueAt, name, error!);
                continue;
            }

            defined[name] = value;
            entries.Add(new KeyValuePair<string, string>(name, value));
        }

        return entries;
    }

    private static string? ReadValue(string raw, Expander expander, out string? error)
    {
        error = null;
        if (raw.StartsWith('\''))
        {
            var close = raw.IndexOf('\'', 1);
            if (close < 0)
            {
                error = "unterminated single quote";
                return null;
            }

            return AfterQuote(raw, close, ref error) ? raw[1..close] : null;
        }

        if (raw.StartsWith('"'))
        {
            var value = new StringBuilder();
            for (var i = 1; i < raw.Length; i++)
            {
                var c = raw[i];
                if (c == '"')
                {
                    if (!AfterQuote(raw, i, ref error)) return null;
                    return expander.Expand(value.ToString(), out error);
                }

                if (c == '\\' && i + 1 < raw.Length)
                {
                    i++;
                    // \$ must survive expansion as a literal dollar, so it becomes the expander's own escape.
                    value.Append(raw[i] switch { 'n' => "\n", 't' => "\t", 'r' => "\r", '$' when i + 1 < raw.Length && raw[i + 1] == '{' => "$$", var other => other.ToString() });
                    continue;
                }

                value.Append(c);
            }

            error = "unterminated double quote";
            return null;
        }

        // Unquoted: a '#' after whitespace starts a comment, as in a shell.
        var comment = raw.IndexOf(" #", StringComparison.Ordinal);
        var tab = raw.IndexOf("\t#", StringComparison.Ordinal);
        if (tab >= 0 && (comment < 0 || tab < comment)) comment = tab;
        var plain = (comment >= 0 ? raw[..comment] : raw).TrimEnd();
        return expander.Expand(plain, out error);
    }

    private static bool AfterQuote(string raw, int close, ref string? error)
    {
        var rest = raw[(close + 1)..].TrimStart();
        if (rest.Length == 0 || rest.StartsWith('#')) return true;
        // Not quoted back: values are secrets more often than not, and errors reach logs.
        error = "unexpected text after the closing quote (put the whole value inside the quotes)";
        return false;
    }
}
