using ServiceManager.Text;

namespace ServiceManager.Config.Text;

/// <summary>
/// Splits a <c>start_command</c> string into words like a POSIX shell would, without running one
/// (<see cref="ShellSplitter"/>), and tells the leading <c>NAME=value</c> assignments apart.
/// </summary>
internal static class ShellWords
{
    /// <summary>The words, or null with <paramref name="error"/> set.</summary>
    public static IReadOnlyList<ShellWord>? Split(string text, out string? error)
    {
        if (ShellSplitter.Split(text, out var failure) is not { } words)
        {
            error = failure!.IsOperator ? failure.Message + ": start_command is not run by a shell; quote it, or set shell = true" : failure.Message;
            return null;
        }

        error = null;
        return [.. words.Select(w => new ShellWord(w.Text, IsAssignment(w)))];
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

    /// <summary>An unquoted leading <c>NAME=</c>: what a shell takes as an assignment.</summary>
    private static bool IsAssignment(SplitWord word)
    {
        var equals = word.Text.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && equals < word.PlainPrefix && IsVariableName(word.Text.AsSpan(0, equals));
    }
}
