using System.CommandLine;

namespace ServiceManager.Cli;

/// <summary>How a command line that does not parse is reported, by <c>svcmgr</c> and by each line of <c>svcmgr repl</c>.</summary>
internal static class ParseErrors
{
    /// <summary>Prints the errors, then <paramref name="hint"/>; returns the usage exit code.</summary>
    public static async Task<int> ReportAsync(ParseResult parse, string hint = "run `svcmgr --help` for usage")
    {
        foreach (var error in parse.Errors) await Console.Error.WriteLineAsync($"svcmgr: {error.Message}");
        await Console.Error.WriteLineAsync(hint);
        return ExitCodes.Usage;
    }
}
