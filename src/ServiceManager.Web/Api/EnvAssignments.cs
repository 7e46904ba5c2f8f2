using System.Text;

namespace ServiceManager.Web.Api;

/// <summary>
/// Hides the values of the leading <c>NAME=value</c> words of a command as written (<c>TOKEN=abc ./serve</c> reads
/// <c>TOKEN=&lt;hidden&gt; ./serve</c>): they are environment values for the child, and those never leave over HTTP.
/// Quotes and backslashes are followed as the config's shell-like splitter follows them.
/// </summary>
internal static class EnvAssignments
{
    public const string Hidden = "<hidden>";

    public static string Hide(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var result = new StringBuilder(command.Length);
        var i = 0;
        while (true)
        {
            var start = i;
            while (i < command.Length && char.IsWhiteSpace(command[i])) i++;
            result.Append(command, start, i - start);
            var nameEnd = NameEnd(command, i);
            if (nameEnd < 0 || nameEnd >= command.Length || command[nameEnd] != '=')
            {
                result.Append(command, i, command.Length - i);
                return result.ToString();
            }

            result.Append(command, i, nameEnd + 1 - i).Append(Hidden);
            i = WordEnd(command, nameEnd + 1);
        }
    }

    /// <summary>Where a variable name starting at <paramref name="i"/> ends, or -1 if none starts there.</summary>
    private static int NameEnd(string s, int i)
    {
        if (i >= s.Length || !(char.IsAsciiLetter(s[i]) || s[i] == '_')) return -1;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_')) i++;
        return i;
    }

    /// <summary>The end of the word from <paramref name="i"/>: the first unquoted white space.</summary>
    private static int WordEnd(string s, int i)
    {
        char? quote = null;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (quote is { } q)
            {
                if (c == q) quote = null;
                else if (c == '\\' && q == '"') i++;
            }
            else if (c is '"' or '\'') quote = c;
            else if (c == '\\') i++;
            else if (char.IsWhiteSpace(c)) return i;
        }

        return s.Length;
    }
}
