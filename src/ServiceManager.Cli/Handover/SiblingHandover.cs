using System.CommandLine;
using ServiceManager.Protocol;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Cli.Handover;

/// <summary>
/// Hands a command over to its sibling executable: <c>exec</c> with the same arguments, so the pid, the descriptors
/// (stdin, stdout, stderr), the environment and the parent stay, signals reach the sibling and its exit code is the
/// command's. The sibling parses the same command line as svcmgr would.
/// </summary>
internal static class SiblingHandover
{
    /// <summary>
    /// The sibling command of <paramref name="args"/>, found before any parsing so the hand-over costs nothing more
    /// than a start of this small program: the first word that is not a global option or its value.
    /// </summary>
    public static SiblingCommand? Find(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (IsGlobalOption(arg))
            {
                i++; // its value
                continue;
            }
            if (IsGlobalOptionWithValue(arg)) continue;
            return SiblingCommands.Find(arg);
        }
        return null;
    }

    /// <summary>What a stand-in does with the command line it parsed.</summary>
    public delegate Task<int> Run(SiblingCommand command, ParseResult parse, CancellationToken ct);

    /// <summary>svcmgr's stand-ins for the sibling commands: listed in its help, and handing over when a command line
    /// reaches one that <see cref="Find"/> did not (an option before the command word, a line of <c>svcmgr repl</c>).</summary>
    public static IEnumerable<Command> StandIns(Run run) => SiblingCommands.All.Select(sibling =>
    {
        var command = sibling.Declare();
        command.TreatUnmatchedTokensAsErrors = false; // the sibling parses them
        command.SetAction((parse, ct) => run(sibling, parse, ct));
        return command;
    });

    /// <summary>Stand-ins of svcmgr's own command line: <see cref="Exec"/> with <paramref name="args"/> as given.</summary>
    public static Run ExecWith(IReadOnlyList<string> args) => (command, _, _) => Task.FromResult(Exec(command, args));

    /// <summary>Runs the sibling as a child on the same terminal and waits for it: for <c>svcmgr repl</c>, which must
    /// outlive the command. Its arguments are the parsed line's words.</summary>
    public static async Task<int> RunAsChildAsync(SiblingCommand command, ParseResult parse, CancellationToken ct)
    {
        var sibling = SiblingExecutables.Locate(command.Executable);
        if (!sibling.IsInstalled) return Missing(command, sibling);
        var start = new System.Diagnostics.ProcessStartInfo(sibling.Program) { UseShellExecute = false };
        foreach (var word in sibling.Argv(parse.Tokens.Select(t => t.Value)).Skip(1)) start.ArgumentList.Add(word);
        using var child = System.Diagnostics.Process.Start(start)!;
        try
        {
            await child.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C reached the child too (same process group); wait for it to finish going.
            await child.WaitForExitAsync(CancellationToken.None);
        }

        return child.ExitCode;
    }

    /// <summary>Becomes the sibling; returns (an exit code) only if it is not there or cannot be run.</summary>
    public static int Exec(SiblingCommand command, IReadOnlyList<string> args)
    {
        var sibling = SiblingExecutables.Locate(command.Executable);
        if (!sibling.IsInstalled) return Missing(command, sibling);

        var why = ProcessImage.Replace(sibling.Program, sibling.Argv(args));
        Console.Error.WriteLine($"svcmgr: cannot run {sibling.Program} for `{command.Name}`: {why}");
        return ExitCodes.Failed;
    }

    private static int Missing(SiblingCommand command, SiblingLaunch sibling)
    {
        Console.Error.WriteLine(
            $"svcmgr: `{command.Name}` is run by {command.Executable}, which is not installed beside svcmgr: {sibling.File} is missing; " +
            "install every file of artifacts/ into one directory (docs/building.md)");
        return ExitCodes.Failed;
    }

    private static bool IsGlobalOption(string arg) => arg == GlobalOptions.Socket.Name || arg == GlobalOptions.Config.Name;

    private static bool IsGlobalOptionWithValue(string arg) =>
        HasValue(arg, GlobalOptions.Socket.Name) || HasValue(arg, GlobalOptions.Config.Name);

    // System.CommandLine takes --option=value and --option:value as well as two words.
    private static bool HasValue(string arg, string option) =>
        arg.Length > option.Length && arg.StartsWith(option, StringComparison.Ordinal) && arg[option.Length] is '=' or ':';
}
