using ServiceManager.Platform.Unix;

namespace ServiceManager.EndToEnd.Tests.Cli;

/// <summary>
/// <c>svcmgr repl</c>: commands read from stdin by a script, and typed at its prompt in a real terminal (tmux) with
/// line editing, history kept across sessions, and Ctrl-C cancelling a running command without leaving.
/// </summary>
public sealed class ReplTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly TestHome _home = new();
    private DaemonProcess _daemon = null!;
    private Tmux? _tmux;

    public async Task InitializeAsync()
    {
        _home.WriteConfig("""
            [instances.ticker]
            start_command = "sh -c 'while true; do echo tick; sleep 1; done'"
            auto_start = true

            [instances.sleeper]
            start_command = "sleep 1000"
            """);
        _daemon = await DaemonProcess.StartAsync(_home.Path);
        await Instances.WaitForStateAsync(_daemon, "ticker", "running");
    }

    public async Task DisposeAsync()
    {
        if (_tmux is not null) await _tmux.DisposeAsync();
        await _daemon.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task A_script_on_stdin_runs_each_line_as_a_command_and_prints_each_answer()
    {
        var script = """
            # a comment, then blank lines

            start sleeper
            info sleeper
            status nope
            bogus
            start -- echo hi; ls
            exit
            stop sleeper
            """;

        var result = await Svcmgr.RunWithAsync(Timeout, _home.Path, null, script, "repl");

        result.ExitCode.Should().Be(0, "exit leaves with 0 whatever the commands did; " + result);
        result.Stdout.Should().StartWith("started sleeper\ninstance:   sleeper ", "no banner or prompt without a terminal");
        result.Stdout.Should().NotContain("svcmgr>");
        result.Stderr.Should().Contain("svcmgr: no such instance 'nope'")
            .And.Contain("svcmgr: Unrecognized command or argument 'bogus'").And.Contain("type `help` for commands")
            .And.Contain("svcmgr: unquoted ';' at character 17: the REPL runs svcmgr commands, not a shell");
        (await Instances.GetAsync(_daemon, "sleeper")).State.Should().Be("running", "nothing after exit was run");
        File.Exists(Path.Combine(_home.Path, "repl_history")).Should().BeFalse("a script's lines are not history");

        var end = await Svcmgr.RunWithAsync(Timeout, _home.Path, null, "stop sleeper\n", "repl");
        end.ExitCode.Should().Be(0, "the end of input leaves with 0; " + end);
        end.Stdout.Should().Be("stopped sleeper\n");
    }

    [Fact]
    public async Task Without_a_terminal_sigint_cancels_the_running_command_and_the_next_line_runs()
    {
        await using var repl = StreamingCli.StartWithInput(_home.Path, "repl");
        await repl.WriteLineAsync("logs ticker -f");
        await repl.ReadUntilAsync(l => l.EndsWith(" out tick", StringComparison.Ordinal), "a followed tick");

        UnixProcess.Signal(repl.Pid, 2).Should().BeTrue("SIGINT reaches the REPL");
        await repl.WriteLineAsync("info sleeper");

        await repl.ReadUntilAsync(l => l.StartsWith("instance:   sleeper ", StringComparison.Ordinal), "the next line's answer after the cancelled logs -f");
        repl.CloseInput();
        (await repl.ExitCodeAsync()).Should().Be(0, "the REPL survived the SIGINT and left at the end of input");
    }

    [Fact]
    public async Task At_a_terminal_it_edits_recalls_history_cancels_with_ctrl_c_and_quits_with_0()
    {
        _tmux = await StartInTmuxAsync();
        await ScreenAsync(s => s.Contains("svcmgr>"), "the prompt");

        // Typed with a typo, mended with the arrows: "lsit" -> "list".
        await _tmux.SendKeysAsync("lsit", "Left", "Left", "BSpace", "Right", "s");
        await ScreenAsync(s => s.Contains("svcmgr> list"), "the mended line");
        await _tmux.SendKeysAsync("Enter");
        await ScreenAsync(s => s.Contains("ticker") && s.Contains("sleeper") && s.EndsWith("svcmgr>", StringComparison.Ordinal), "the list, then the prompt again");

        await _tmux.SendKeysAsync("logs ticker -f", "Enter");
        await ScreenAsync(s => Lines(s).Count(l => l.EndsWith(" out tick", StringComparison.Ordinal)) >= 2, "followed lines");
        await _tmux.SendKeysAsync("C-c");
        await ScreenAsync(s => s.EndsWith("svcmgr>", StringComparison.Ordinal), "the prompt back after Ctrl-C cancelled logs -f");

        await _tmux.SendKeysAsync("Up");
        await ScreenAsync(s => Lines(s)[^1] == "svcmgr> logs ticker -f", "the last command recalled");
        await _tmux.SendKeysAsync("Up", "C-u", "info sleeper", "Enter");
        await ScreenAsync(s => s.Contains("instance:   sleeper"), "status through its alias");
        await _tmux.SendKeysAsync("quit", "Enter");
        var after = await ScreenAsync(s => s.Contains("svcmgr repl exited with"), "the REPL to leave");
        after.Should().Contain("svcmgr repl exited with 0");

        File.ReadAllLines(Path.Combine(_home.Path, "repl_history")).Should().Equal("list", "logs ticker -f", "info sleeper", "quit");
        await _tmux.DisposeAsync();

        // The next session recalls what the last one typed.
        _tmux = await StartInTmuxAsync();
        await ScreenAsync(s => s.Contains("svcmgr>"), "the prompt of a new session");
        await _tmux.SendKeysAsync("Up", "Up");
        await ScreenAsync(s => Lines(s)[^1] == "svcmgr> info sleeper", "history from the earlier session");
        await _tmux.SendKeysAsync("C-u", "C-d");
        (await ScreenAsync(s => s.Contains("svcmgr repl exited with"), "Ctrl-D to leave")).Should().Contain("svcmgr repl exited with 0");
    }

    /// <remarks>
    /// The shell around the REPL has no job control, so Ctrl-C reaches it as well; an interactive shell would have put
    /// the REPL in a process group of its own. The trap keeps the shell alive (a handler, unlike an ignored signal,
    /// is not inherited by the REPL).
    /// </remarks>
    private Task<Tmux> StartInTmuxAsync() =>
        Tmux.StartAsync(120, 40, new Dictionary<string, string> { ["SVCMGR_HOME"] = _home.Path, ["SVCMGR_NO_AUTOSTART"] = "1" },
            "sh", "-c", $"trap : INT; dotnet '{Svcmgr.Dll}' repl; echo \"svcmgr repl exited with $?\"; exec sleep 600");

    private static string[] Lines(string screen) => screen.TrimEnd().Split('\n').Select(l => l.TrimEnd()).ToArray();

    /// <summary>The screen, trimmed, once <paramref name="accept"/> holds.</summary>
    private Task<string> ScreenAsync(Func<string, bool> accept, string what) =>
        Eventually.GetAsync(async () => string.Join('\n', Lines(await _tmux!.CaptureAsync())), accept, what);
}
