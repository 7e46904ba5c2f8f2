namespace ServiceManager.Text;

public static partial class HumanText
{
    private const string ShellSafe = "-_./:=@%+,";

    /// <summary>An argv as one line a POSIX shell would split back into the same words: <c>sh -c 'sleep 1; echo hi'</c>.</summary>
    public static string Command(IEnumerable<string> argv) => string.Join(' ', argv.Select(ShellQuote));

    /// <summary>
    /// <paramref name="word"/> as is when every character is one a shell takes literally, else in single quotes (an
    /// inner <c>'</c> becomes <c>'\''</c>); the empty word is <c>''</c>.
    /// </summary>
    public static string ShellQuote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || ShellSafe.Contains(c, StringComparison.Ordinal))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
