using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ServiceManager.Config.Model;

namespace ServiceManager.Config.AdHoc;

/// <summary>
/// Which ad-hoc commands look like servers, what port they get by default and how it reaches them. The user's
/// <c>[[daemon.port_patterns]]</c> are tried first, then this small built-in table; the first match wins.
/// </summary>
internal static class PortPatterns
{
    public static IReadOnlyList<PortPattern> BuiltIn { get; } =
    [
        new(@"^python[0-9.]*( -\S+)* -m http\.server( |$)", 8000, "{port}"),
        new(@"^python[0-9.]*( -\S+)* (\S*/)?manage\.py runserver( |$)", 8000, "{port}"),
        new(@"^(python[0-9.]*( -\S+)* -m )?uvicorn( |$)", 8000, "--port {port}"),
        new(@"^(python[0-9.]*( -\S+)* -m )?flask( .*)? run( |$)", 5000, "--port {port}"),
        new(@"^gunicorn( |$)", 8000, null),
        new(@"^rails (s|server)( |$)", 3000, "-p {port}"),
        new(@"^(node|nodemon|ts-node|tsx)( |$)", 3000, null),
        new(@"^(npm|pnpm|yarn|bun) (start|dev|serve|run (start|dev|serve))( |$)", 3000, null),
        new(@"^npx( |$)", 3000, null),
        new(@"^hugo server( |$)", 1313, "--port {port}"),
        new(@"^jekyll serve( |$)", 4000, "--port {port}"),
    ];

    private static readonly ConcurrentDictionary<string, Regex> _regexes = new(StringComparer.Ordinal);

    /// <summary>The first pattern matching <paramref name="argv"/>, the user's before the built-in ones.</summary>
    public static PortPattern? Find(IReadOnlyList<string> argv, IReadOnlyList<PortPattern> user) =>
        user.Concat(BuiltIn).FirstOrDefault(p => Matches(p, argv));

    public static bool Matches(PortPattern pattern, IReadOnlyList<string> argv)
    {
        if (argv.Count == 0) return false;
        if (pattern.Match.StartsWith('^'))
        {
            try
            {
                return Compiled(pattern.Match).IsMatch(CommandLine(argv));
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }

        var words = pattern.Match.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words.Length > argv.Count) return false;
        if (Program(argv[0]) != words[0] && argv[0] != words[0]) return false;
        for (var i = 1; i < words.Length; i++)
        {
            if (argv[i] != words[i]) return false;
        }

        return true;
    }

    /// <summary>What patterns see: the program by its file name (<c>/usr/bin/python3</c> is <c>python3</c>), then the arguments, one space apart.</summary>
    public static string CommandLine(IReadOnlyList<string> argv) =>
        string.Join(' ', argv.Skip(1).Prepend(Program(argv[0])));

    public static string Program(string word) => Path.GetFileName(word.TrimEnd('/'));

    private static Regex Compiled(string pattern) =>
        _regexes.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200)));
}
