using System.Text;

namespace ServiceManager.Config.Text;

/// <summary>
/// Splits a command line the way a POSIX shell tokenizes words (quotes, backslashes), without running a shell:
/// no globbing, no tilde or $VAR expansion, no operators.
/// </summary>
internal static class ShellWords
{
    private const string Operators = "|&;<>()`";

    /// <summary>The words, or null with <paramref name="error"/> set.</summary>
    public static IReadOnlyList<ShellWord>? Split(string text, out string? error)
    {
        error = null;
        var words = new List<ShellWord>();
        var current = new StringBuilder();
        var inWord = false;
        // Length of the word's prefix written without quotes or escapes: "A=b" is an assignment, "'A'=b" is not.
        var plainPrefix = 0;
        var plain = true;

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            // Backslash-newline joins lines, as in a shell: it is neither part of a word nor a separator.
            if (c == '\\' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
                continue;
            }

            if (c is ' ' or '\t' or '\n' or '\r')
            {
                if (inWord) words.Add(Finish(current, plainPrefix));
                inWord = false;
                plain = true;
                plainPrefix = 0;
                continue;
            }

            inWord = true;
            switch (c)
            {
                case '\'':
                {
                    plain = false;
                    var end = text.IndexOf('\'', i + 1);
                    if (end < 0)
                    {
                        error = $"unterminated single quote at character {i + 1}";
                        return null;
                    }

                    current.Append(text, i + 1, end - i - 1);
                    i = end;
                    break;
                }
                case '"':
                    plain = false;
                    i = ReadDoubleQuoted(text, i, current, out error);
                    if (error is not null) return null;
                    break;
                case '\\':
                    plain = false;
                    if (i + 1 >= text.Length)
                    {
                        error = "ends with a backslash";
                        return null;
                    }

                    current.Append(text[i + 1]);
                    i++;
                    break;
                default:
                    if (Operators.Contains(c, StringComparison.Ordinal))
                    {
                        error = $"unquoted '{c}' at character {i + 1}: start_command is not run by a shell; quote it, or set shell = true";
                        return null;
                    }

                    current.Append(c);
                    if (plain) plainPrefix = current.Length;
                    break;
            }
        }

        if (inWord) words.Add(Finish(current, plainPrefix));
        return words;
    }

    /// <summary>Quotes <paramref name="word"/> so that <see cref="Split"/> gives it back unchanged.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(ch => char.IsAsciiLetterOrDigit(ch) || "-_./:=,@%+{}$".Contains(ch, StringComparison.Ordinal))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public static bool IsVariableName(ReadOnlySpan<char> name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_')) return false;
        foreach (var ch in name)
        {
            if (!(char.IsAsciiLetterOrDigit(ch) || ch == '_')) return false;
        }

        return true;
    }

    private static int ReadDoubleQuoted(string text, int open, StringBuilder into, out string? error)
    {
        error = null;
        for (var i = open + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"') return i;
            // Inside double quotes a backslash escapes only these, as in POSIX sh; elsewhere it is literal.
            if (c == '\\' && i + 1 < text.Length && "\"\\$`\n".Contains(text[i + 1], StringComparison.Ordinal))
            {
                if (text[i + 1] != '\n') into.Append(text[i + 1]);
                i++;
                continue;
            }

            into.Append(c);
        }

        error = $"unterminated double quote at character {open + 1}";
        return text.Length;
    }

    private static ShellWord Finish(StringBuilder current, int plainPrefix)
    {
        var text = current.ToString();
        current.Clear();
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var isAssignment = equals > 0 && equals < plainPrefix && IsVariableName(text.AsSpan(0, equals));
        return new ShellWord(text, isAssignment);
    }
}
