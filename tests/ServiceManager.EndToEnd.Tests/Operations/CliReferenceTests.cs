using System.Text.RegularExpressions;

namespace ServiceManager.EndToEnd.Tests.Operations;

/// <summary>docs/cli.md, the man-style reference, stays in step with <c>--help</c>: every command of the real tree (the
/// siblings' included: whatever is added later is checked too) has a section whose heading names it, and the section
/// names each of its aliases and options; every command heading in the doc is a real command.</summary>
public sealed partial class CliReferenceTests
{
    // Accepted by every command; the doc explains them once, at the top.
    private static readonly HashSet<string> Everywhere = ["--socket", "--config", "--help", "-h", "-?", "/?", "/h", "--version"];

    [Fact]
    public async Task Every_command_alias_and_option_in_help_is_in_docs_cli_md_and_every_documented_command_exists()
    {
        using var home = new TestHome();
        var tree = await HelpTree.WalkAsync(home.Path);
        var sections = Sections(File.ReadAllText(Repository.File("docs/cli.md")));
        tree.Select(c => c.Line).Should().Contain(["svcmgr list", "svcmgr daemon", "svcmgr doctor port", "svcmgr validate", "svcmgr import pm2", "svcmgr completion"],
            "the walk reaches svcmgr's own commands, the siblings' and their subcommands");

        var missing = new List<string>();
        foreach (var command in tree.Where(c => c.Path.Count > 0))
        {
            // A command that only groups others (`import`) is documented by their sections.
            var grouping = command.Subcommands.Count > 0 && sections.Keys.Any(k => k.StartsWith(command.Line + " ", StringComparison.Ordinal));
            if (!sections.TryGetValue(command.Line, out var text) && grouping) continue;
            if (text is null)
            {
                missing.Add($"{command.Line}: no heading \"## `{command.Line} ...`\"");
                continue;
            }

            foreach (var name in command.Aliases.Concat(command.Options).Where(n => !Everywhere.Contains(n)))
                if (!Regex.IsMatch(text, $@"(?<![\w-]){Regex.Escape(name)}(?![\w-])")) missing.Add($"{command.Line}: {name} is not in its section");
        }

        var real = tree.Select(c => c.Line).ToHashSet();
        foreach (var documented in sections.Keys.Where(k => !real.Contains(k))) missing.Add($"{documented}: documented, but no such command");
        missing.Should().BeEmpty("docs/cli.md must describe exactly the commands and options --help shows");
    }

    /// <summary>Each heading <c>## `svcmgr WORDS ...`</c> (any level) with its text up to the next such heading, keyed by
    /// the command words: the lower-case words before the first argument, option or punctuation. A heading naming
    /// several (<c>svcmgr start | stop | restart</c>) gives each its text.</summary>
    private static Dictionary<string, string> Sections(string doc)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        var matches = Heading().Matches(doc);
        for (var i = 0; i < matches.Count; i++)
        {
            var end = i + 1 < matches.Count ? matches[i + 1].Index : doc.Length;
            var text = doc[matches[i].Index..end];
            foreach (var alternative in matches[i].Groups["command"].Value.Split(" | "))
            {
                var words = alternative.Split(' ').TakeWhile(w => CommandWord().IsMatch(w)).ToList();
                var key = string.Join(' ', ["svcmgr", .. words]);
                // "svcmgr start -- CMD" continues "svcmgr start": the command's text is both sections.
                sections[key] = sections.TryGetValue(key, out var earlier) ? earlier + text : text;
            }
        }

        return sections;
    }

    [GeneratedRegex(@"(?m)^#{2,4} `svcmgr (?<command>[^`]*)`")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^[a-z][a-z0-9-]*$")]
    private static partial Regex CommandWord();
}
