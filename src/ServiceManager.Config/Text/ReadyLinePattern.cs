using System.Text.RegularExpressions;

namespace ServiceManager.Config.Text;

/// <summary>
/// <c>ready_log_line</c> as a regular expression. Lines are matched on the thread that reads every child's output, so
/// the regex runs in .NET's non-backtracking mode: linear in the line's length whatever the pattern, at the price of
/// backreferences, lookarounds and atomic groups, which a ready line does not need.
/// </summary>
public static class ReadyLinePattern
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    /// <exception cref="ArgumentException">The pattern is invalid (the config loader has ruled that out).</exception>
    public static Regex Compile(string pattern) => new(pattern, Options);

    public static bool TryCompile(string pattern, out Regex? regex, out string error)
    {
        regex = null;
        error = "";
        if (pattern.Length == 0)
        {
            error = "empty pattern (leave the key out instead)";
            return false;
        }

        try
        {
            regex = Compile(pattern);
            return true;
        }
        catch (NotSupportedException ex)
        {
            error = "not supported in a ready line (no backreferences, lookarounds or atomic groups): " + ex.Message.TrimEnd('.');
            return false;
        }
        catch (ArgumentException ex)
        {
            error = "invalid regular expression: " + ex.Message.TrimEnd('.');
            return false;
        }
    }
}
