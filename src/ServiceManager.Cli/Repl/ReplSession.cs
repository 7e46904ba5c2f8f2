using System.CommandLine;
using System.Runtime.InteropServices;
using ServiceManager.Protocol;
using ServiceManager.Text;
using ServiceManager.Cli.Handover;

namespace ServiceManager.Cli.Repl;

/// <summary>
/// <c>svcmgr repl</c>: reads commands without the <c>svcmgr</c> prefix and runs each through the same command tree
/// as the command line, so help, errors and exit codes are the same. On a terminal: a <c>svcmgr&gt; </c> prompt with
/// line editing and history; otherwise lines from stdin, one command each, answers on stdout and stderr, no prompt.
/// </summary>
internal sealed class ReplSession
{
    public const string Prompt = "svcmgr> ";

    private const string Notes = """

        In the REPL: type commands without `svcmgr` (`list`, `logs web-1 -f`, `help start`); Ctrl-C cancels the
        running command; `exit`, `quit` or Ctrl-D leaves. Lines are split like a shell would, without running one.
        """;

    private readonly RootCommand _root;
    private readonly IReadOnlyList<string> _globals;
    private volatile CancellationTokenSource? _running;

    /// <param name="globals">The global options the REPL itself was given (<c>--socket</c>, <c>--config</c>), passed
    /// on to each command that does not give its own.</param>
    private ReplSession(RootCommand root, IReadOnlyList<string> globals)
    {
        _root = root;
        _globals = globals;
    }

    /// <returns>0 once <c>exit</c>, <c>quit</c> or the end of input is reached.</returns>
    public static async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var session = new ReplSession(CliRoot.Create(SiblingHandover.RunAsChildAsync), Globals(parse));
        // SIGINT cancels the running command instead of ending the REPL; with no command running it does what it always does.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, session.OnInterrupt);
        if (Console.IsInputRedirected || Console.IsOutputRedirected)
        {
            while (await Console.In.ReadLineAsync(ct) is { } line)
                if (!await session.RunLineAsync(line)) break;
            return ExitCodes.Success;
        }

        var history = ReplHistory.Load(GlobalOptions.Paths(parse).StateDirectory);
        var editor = new TerminalLineEditor(history);
        await Console.Out.WriteLineAsync("svcmgr repl: type `help` for commands, `exit` to leave");
        while (editor.ReadLine(Prompt) is { } line)
        {
            if (line.Trim().Length > 0) history.Add(line.Trim());
            if (!await session.RunLineAsync(line)) break;
        }

        return ExitCodes.Success;
    }

    /// <returns>False when the line asks to leave.</returns>
    private async Task<bool> RunLineAsync(string line)
    {
        var text = line.Trim();
        if (text.Length == 0 || text.StartsWith('#')) return true;
        if (ShellSplitter.Split(text, out var error) is not { } split)
        {
            var why = error!.IsOperator ? $"{error.Message}: the REPL runs svcmgr commands, not a shell; quote it" : error.Message;
            await Console.Error.WriteLineAsync($"svcmgr: {why}");
            return true;
        }

        List<string> words = [.. split.Select(w => w.Text)];
        switch (words)
        {
            case ["exit" or "quit"]:
                return false;
            case ["repl", ..]:
                await Console.Error.WriteLineAsync("svcmgr: this is the REPL already");
                return true;
            case ["help", .. var rest]:
                await InvokeAsync([.. rest, "--help"]);
                if (rest.Count == 0) await Console.Out.WriteLineAsync(Notes);
                return true;
            default:
                await InvokeAsync(words);
                return true;
        }
    }

    private async Task InvokeAsync(IReadOnlyList<string> words)
    {
        var parse = _root.Parse([.. _globals.Chunk(2).Where(g => !words.Contains(g[0])).SelectMany(g => g), .. words]);
        if (parse.Errors.Count > 0)
        {
            await ParseErrors.ReportAsync(parse, "type `help` for commands");
            return;
        }

        using var running = new CancellationTokenSource();
        _running = running;
        try
        {
            await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, running.Token);
        }
        finally
        {
            _running = null;
        }

        // The terminal echoed ^C where the output stopped: start the prompt on a line of its own.
        if (running.IsCancellationRequested) await Console.Out.WriteLineAsync();
    }

    private void OnInterrupt(PosixSignalContext context)
    {
        if (_running is not { } running) return;
        context.Cancel = true;
        running.Cancel();
    }

    private static List<string> Globals(ParseResult parse)
    {
        var globals = new List<string>();
        if (parse.GetValue(GlobalOptions.Socket) is { } socket) globals.AddRange(["--socket", socket]);
        if (parse.GetValue(GlobalOptions.Config) is { } config) globals.AddRange(["--config", config]);
        return globals;
    }
}
