using System.Text;

namespace ServiceManager.Daemon.Export;

/// <summary>
/// Values as systemd reads them in unit files (<c>systemd.service(5)</c>, <c>systemd.unit(5)</c> "Specifiers"): every
/// <c>%</c> starts a specifier and is written <c>%%</c>; in <c>ExecStart=</c> words are split on spaces, quotes and C
/// escapes are undone and <c>$NAME</c>/<c>${NAME}</c> are expanded, so a literal <c>$</c> is <c>$$</c>.
/// </summary>
public static class SystemdText
{
    /// <summary>A command line for <c>ExecStart=</c>/<c>ExecStop=</c>: each word that is not plain is double-quoted
    /// with C escapes; <c>%</c> and <c>$</c> are doubled everywhere.</summary>
    public static string ExecLine(IEnumerable<string> argv) => string.Join(' ', argv.Select(ExecWord));

    public static string ExecWord(string word) => IsPlain(word) ? word : '"' + Escape(word, dollar: true) + '"';

    /// <summary>One <c>Environment=</c> assignment, quoted as a whole (no <c>$</c> expansion happens there).</summary>
    public static string EnvironmentAssignment(string name, string value) => '"' + Escape($"{name}={value}", dollar: false) + '"';

    /// <summary>A value taken to the end of the line (<c>Description=</c>, <c>WorkingDirectory=</c>): only specifiers
    /// and line breaks need care.</summary>
    public static string Verbatim(string value) => value.Replace("%", "%%", StringComparison.Ordinal).ReplaceLineEndings(" ");

    /// <summary>A duration in the form systemd parses (<c>TimeoutStopSec=</c>, <c>RestartSec=</c>): milliseconds.</summary>
    public static string Duration(TimeSpan span) => $"{(long)span.TotalMilliseconds}ms";

    private static bool IsPlain(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+=:,@".Contains(c));

    private static string Escape(string text, bool dollar)
    {
        var result = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            result.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                '%' => "%%",
                '$' when dollar => "$$",
                _ when char.IsControl(c) => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return result.ToString();
    }
}
