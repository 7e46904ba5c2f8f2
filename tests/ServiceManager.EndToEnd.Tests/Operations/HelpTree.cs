using System.Text.RegularExpressions;

namespace ServiceManager.EndToEnd.Tests.Operations;

/// <summary>One command as <c>svcmgr ... --help</c> shows it: its words, its aliases, its options' names and its
/// subcommands, read from the real executables (sibling commands answer from their sibling).</summary>
internal sealed record HelpCommand(IReadOnlyList<string> Path, IReadOnlyList<string> Aliases, IReadOnlyList<string> Options, IReadOnlyList<string> Subcommands)
{
    public string Line => string.Join(' ', ["svcmgr", .. Path]);
}

/// <summary>Walks the whole command tree through <c>--help</c>, so commands added anywhere (svcmgr or a sibling) are
/// found without a list in the test.</summary>
internal static partial class HelpTree
{
    public static async Task<IReadOnlyList<HelpCommand>> WalkAsync(string home)
    {
        var found = new List<HelpCommand>();
        var level = new List<(IReadOnlyList<string> Path, IReadOnlyList<string> Names)> { ([], []) };
        while (level.Count > 0)
        {
            var commands = await Task.WhenAll(level.Select(c => ReadAsync(home, c.Path, c.Names)));
            found.AddRange(commands);
            level = [.. commands.SelectMany(c => c.Subcommands.Select(row => Row(c.Path, row)))];
        }

        return found;
    }

    // A row lists a command's names in alphabetical order ("instances, list, ls"); any of them reaches it, and its
    // help's usage line says which is the name.
    private static (IReadOnlyList<string>, IReadOnlyList<string>) Row(IReadOnlyList<string> parent, string row)
    {
        var names = row.Split(", ").Select(n => n.Trim()).ToList();
        return ([.. parent, names[0]], names);
    }

    private static async Task<HelpCommand> ReadAsync(string home, IReadOnlyList<string> asked, IReadOnlyList<string> names)
    {
        var result = await Svcmgr.RunAsync(home, [.. asked, "--help"]);
        if (result.ExitCode != 0) throw new InvalidOperationException($"svcmgr {string.Join(' ', asked)} --help: {result}");
        var usage = result.Stdout.ReplaceLineEndings("\n").Split('\n').SkipWhile(l => l != "Usage:").Skip(1).First().Trim().Split(' ');
        IReadOnlyList<string> path = [.. usage.Skip(1).Take(asked.Count)];
        var aliases = names.Where(n => path.Count == 0 || n != path[^1]).ToList();
        var options = Section(result.Stdout, "Options")
            .SelectMany(row => row.Split(", ").Select(n => n.Split(' ')[0]))
            .Where(n => n.StartsWith('-'))
            .ToList();
        var subcommands = Section(result.Stdout, "Commands").Select(row => AngleArguments().Replace(row, "").Trim()).ToList();
        return new HelpCommand(path, aliases, options, subcommands);
    }

    /// <summary>The first column of each row of a help section ("Options:", "Commands:").</summary>
    private static IEnumerable<string> Section(string help, string title)
    {
        var lines = help.ReplaceLineEndings("\n").Split('\n');
        var start = Array.IndexOf(lines, title + ":");
        if (start < 0) yield break;
        foreach (var line in lines.Skip(start + 1).TakeWhile(l => l.Length > 0))
        {
            // A row is "  NAMES  description"; a description's continuation lines are indented further.
            if (!line.StartsWith("  ", StringComparison.Ordinal) || line.StartsWith("   ", StringComparison.Ordinal)) continue;
            yield return Columns().Split(line.Trim())[0];
        }
    }

    [GeneratedRegex(@"\s*<[^>]*>")]
    private static partial Regex AngleArguments();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Columns();
}
