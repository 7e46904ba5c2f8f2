using System.CommandLine;
using System.CommandLine.Completions;

namespace ServiceManager.Cli;

/// <summary>Parse and run, the same way in svcmgr and in each sibling it hands over to (linked into them).</summary>
internal static class CommandLineEntry
{
    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        // "[suggest:N] LINE" (shell completion) parses LINE itself; the unfinished line's errors are not this command's.
        if (parse.Errors.Count > 0 && !IsCompletion(root, parse)) return await ParseErrors.ReportAsync(parse);

        // The daemon's and the MCP server's generic hosts handle SIGTERM/SIGINT themselves and need their full grace
        // period to stop children; System.CommandLine's own termination handling would cut that short.
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    private static bool IsCompletion(RootCommand root, ParseResult parse) =>
        root.Directives.OfType<SuggestDirective>().Any(d => parse.GetResult(d) is not null);
}
