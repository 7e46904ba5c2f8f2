using ServiceManager.Protocol.Messages;

namespace ServiceManager.Tui.Tests.EndToEnd;

/// <summary>
/// The real <c>svcmgr top</c> in a real terminal (tmux, 100x30) against a real daemon: it shows the instances,
/// <c>r</c> restarts the selected one, it survives the daemon going away, and <c>q</c> ends it with status 0.
/// </summary>
public sealed class TopInTmuxTests : IAsyncLifetime
{
    private readonly TestHome _home = new();
    private DaemonProcess? _daemon;
    private Tmux? _tmux;

    public async Task InitializeAsync()
    {
        _home.WriteConfig("""
            [instances.ticker]
            start_command = "sh -c 'while true; do echo tick; sleep 1; done'"
            auto_start = true

            [instances.sleeper]
            start_command = "sleep 100000"
            env = { API_TOKEN = "s3cret" }
            """);
        _daemon = await DaemonProcess.StartAsync(_home.Path);
        await using var client = await _daemon.ConnectAsync();
        await Eventually.GetAsync(() => client.ListAsync(new ListParams()), l => l.Any(i => i.Id == "ticker" && i.State == "running"), "ticker to run");
    }

    public async Task DisposeAsync()
    {
        if (_tmux is not null) await _tmux.DisposeAsync();
        if (_daemon is not null) await _daemon.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task Shows_the_instances_restarts_on_r_survives_a_lost_daemon_and_quits_on_q()
    {
        _tmux = await Tmux.StartAsync(100, 30, new Dictionary<string, string> { ["SVCMGR_HOME"] = _home.Path },
            "sh", "-c", $"dotnet '{Svcmgr.Dll}' top; echo \"svcmgr top exited with $?\"; exec sleep 600");

        var screen = await ScreenAsync(s => s.Contains("connected") && Row(s, "ticker").Contains("online") && Row(s, "sleeper").Contains("stopped"),
            "the dashboard with both instances");
        screen.Should().Contain("2 instances · 1 online · 1 stopped · 0 failed");
        Row(screen, "ticker").Should().StartWith("►", "the first instance is selected");

        await _tmux.SendKeysAsync("r");

        await using (var client = await _daemon!.ConnectAsync())
        {
            await Eventually.GetAsync(() => client.StatusAsync("ticker"), d => d.Restarts >= 1 && d.State == "running", "ticker restarted");
        }
        await ScreenAsync(s => s.Contains("restarted ticker") || Row(s, "ticker").Contains(" 1 "), "the restart on screen");

        await _daemon.TerminateAsync();
        await ScreenAsync(s => s.Contains("daemon not reachable — retrying"), "the lost daemon said on screen");

        await _tmux.SendKeysAsync("q");

        // The shell around top reports its exit: it reaps top itself, which tmux (a daemon started from the test
        // host) was seen not to do reliably.
        var after = await ScreenAsync(s => s.Contains("svcmgr top exited with"), "svcmgr top to exit");
        after.Should().Contain("svcmgr top exited with 0");
        after.Should().NotContain("svcmgr top ·", "the terminal is back to the shell's screen, the dashboard gone");
    }

    [Fact]
    public async Task Ends_when_its_terminal_goes_away()
    {
        _tmux = await Tmux.StartAsync(80, 24, new Dictionary<string, string> { ["SVCMGR_HOME"] = _home.Path },
            "sh", "-c", $"dotnet '{Svcmgr.Dll}' top; exec sleep 600");
        await ScreenAsync(s => s.Contains("connected") && s.Contains("ticker"), "the dashboard");
        var shell = await _tmux.PanePidAsync();
        var top = int.Parse(File.ReadAllText($"/proc/{shell}/task/{shell}/children").Trim(), System.Globalization.CultureInfo.InvariantCulture);

        await _tmux.KillServerAsync();

        try
        {
            await Eventually.TrueAsync(() => !IsAlive(top), "svcmgr top to end after its terminal hung up");
        }
        finally
        {
            // A top that did not end would otherwise outlive the test.
            if (IsAlive(top)) ServiceManager.Platform.Unix.UnixProcess.Signal(top, 9);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            // A zombie has ended; only its parent has not collected it yet.
            return !File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].TrimStart().StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Inspect_returns_the_configured_environment_and_the_metrics_history()
    {
        await using var client = await _daemon!.ConnectAsync();

        (await client.InspectAsync("sleeper")).Env.Should().Contain("API_TOKEN", "<hidden>", "values go only to a client that asks");
        var inspect = await client.InspectAsync("sleeper", showEnv: true);
        inspect.Env.Should().Contain("API_TOKEN", "s3cret").And.ContainKey("SVCMGR_INSTANCE");

        var history = await Eventually.GetAsync(() => client.InspectAsync("ticker"), r => r.History.Count >= 1, "a metrics sample of ticker");
        history.History[^1].MemoryBytes.Should().BePositive();
    }

    private async Task<string> ScreenAsync(Func<string, bool> accept, string what) =>
        await Eventually.GetAsync(_tmux!.CaptureAsync, accept, what);

    private static string Row(string screen, string name) =>
        screen.Split('\n').FirstOrDefault(l => l.Contains(name, StringComparison.Ordinal)) ?? "";
}
