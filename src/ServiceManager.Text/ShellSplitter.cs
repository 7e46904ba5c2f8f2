using System.Text;

namespace ServiceManager.Text;

/// <summary>
/// Splits a command line into words the way a POSIX shell tokenizes them (single and double quotes, backslashes),
/// without running a shell: no globbing, no tilde or <c>$VAR</c> expansion, and an unquoted operator
/// (<c>| &amp; ; &lt; &gt; ( ) `</c>) is an error rather than something done. The inverse of
/// <see cref="HumanText.ShellQuote"/>. The config's <c>start_command</c> strings and the REPL's lines are read with it.
/// </summary>
public static class ShellSplitter
{
    private const string Operators = "|&;<>()`";

    /// <summary>The words, or null with <paramref name="error"/> set.</summary>
    public static IReadOnlyList<SplitWord>? Split(string text, out ShellSplitError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        var words = new List<SplitWord>();
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
                        error = new ShellSplitError($"unterminated single quote at character {i + 1}", IsOperator: false);
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
                        error = new ShellSplitError("ends with a backslash", IsOperator: false);
                        return null;
                    }

                    current.Append(text[i + 1]);
                    i++;
                    break;
                default:
                    if (Operators.Contains(c, StringComparison.Ordinal))
                    {
                        error = new ShellSplitError($"unquoted '{c}' at character {i + 1}", IsOperator: true);
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

    private static int ReadDoubleQuoted(string text, int open, StringBuilder into, out ShellSplitError? error)
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

        error = new ShellSplitError($"unterminated double quote at character {open + 1}", IsOperator: false);
        return text.Length;
    }

    private static SplitWord Finish(StringBuilder current, int plainPrefix)
    {
        var text = current.ToString();
        current.Clear();
        return new SplitWord(text, plainPrefix);
    }
}

/// <summary>One word of a split line.</summary>
/// <param name="PlainPrefix">How many of its first characters were written without quotes or backslashes (a shell
/// reads <c>NAME=value</c> as an assignment only when <c>NAME=</c> is plain).</param>
public sealed record SplitWord(string Text, int PlainPrefix);

/// <summary>Why a line could not be split.</summary>
/// <param name="Message">E.g. <c>unterminated single quote at character 6</c>.</param>
/// <param name="IsOperator">The line holds an unquoted shell operator: the caller says what runs instead of a shell.</param>
public sealed record ShellSplitError(string Message, bool IsOperator);
