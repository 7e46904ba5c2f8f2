using System.Text;

namespace ServiceManager.EndToEnd.Tests.Operations;

/// <summary>
/// Reads a unit file back as systemd.service(5) says it is read, to check that what svcmgr escaped means what it should:
/// <c>%%</c> is <c>%</c>; in command lines words split on spaces, quotes group, C escapes are undone, <c>$$</c> is <c>$</c>.
/// <c>systemd-analyze verify</c> proves the file is accepted; this proves the words come out unchanged.
/// </summary>
internal static class UnitFiles
{
    /// <summary>Every value of <paramref name="key"/> in the file, in order.</summary>
    public static IReadOnlyList<string> Values(string unit, string key) =>
        [.. unit.Split('\n').Where(l => l.StartsWith(key + "=", StringComparison.Ordinal)).Select(l => l[(key.Length + 1)..])];

    public static string Value(string unit, string key) => Values(unit, key).Should().ContainSingle(key).Subject;

    /// <summary>The words of an <c>ExecStart=</c> value, as systemd would pass them to exec.</summary>
    public static IReadOnlyList<string> Words(string value, bool expandsDollar = true)
    {
        var words = new List<string>();
        var i = 0;
        while (i < value.Length)
        {
            while (i < value.Length && value[i] == ' ') i++;
            if (i >= value.Length) break;
            var word = new StringBuilder();
            char? quote = null;
            for (; i < value.Length; i++)
            {
                var c = value[i];
                if (quote is null && c == ' ') break;
                if (c is '"' or '\'' && (quote is null || quote == c))
                {
                    quote = quote is null ? c : null;
                    continue;
                }

                if (c == '\\')
                {
                    var next = value[++i];
                    word.Append(next switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => next });
                    continue;
                }

                if (c == '%') i++; // %% → %: every % svcmgr writes is doubled
                if (c == '$' && expandsDollar)
                {
                    value[i + 1].Should().Be('$', "a lone $ would be expanded by systemd");
                    i++;
                }

                word.Append(c);
            }

            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>Runs <c>systemd-analyze verify</c> on the files and fails on any complaint about them.</summary>
    public static async Task VerifyAsync(string directory, params string[] files)
    {
        var analyze = ExternalTool.Require("systemd-analyze", "systemd");
        var result = await ExternalTool.RunAsync(analyze, ["verify", .. files.Select(f => Path.Combine(directory, f))], directory);
        result.ExitCode.Should().Be(0, result.ToString());
        // It also reports problems of units it merely loads (a dependency's), exiting 0: none may name ours.
        result.Stderr.Split('\n').Where(l => files.Any(f => l.Contains(f, StringComparison.Ordinal)))
            .Should().BeEmpty(result.ToString());
    }
}
