using System.Diagnostics;

namespace ServiceManager.EndToEnd.Tests.Daemon;

/// <summary>The config reloaded without a client: SIGHUP, and [daemon] watch_config on a change of the file.</summary>
public sealed class HotReloadTests
{
    private const string One = """
        [instances.one]
        start_command = "sleep 1000"
        auto_start = true
        """;

    private static string OneAndTwo(string daemon = "") => daemon + One + """

        [instances.two]
        start_command = "sleep 1000"
        auto_start = true
        """;

    private static async Task<IReadOnlyList<string>> IdsAsync(DaemonProcess daemon) =>
        [.. (await Instances.ListAsync(daemon)).Select(s => s.Id)];

    private static void Hangup(DaemonProcess daemon) =>
        Process.Start("kill", ["-HUP", daemon.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    [Fact]
    public async Task Sighup_reloads_the_config_and_an_invalid_file_is_logged_and_changes_nothing()
    {
        using var home = new TestHome();
        home.WriteConfig(One);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await Instances.WaitForStateAsync(daemon, "one", "running");

        home.WriteConfig(OneAndTwo());
        Hangup(daemon);
        await Instances.WaitForStateAsync(daemon, "two", "running");

        home.WriteConfig(One + "\n[instances.three]\nstart_command = \"sleep 1000\"\nauto_strat = true\n");
        Hangup(daemon);
        await Eventually.TrueAsync(() => File.ReadAllText(daemon.LogFile).Contains("Config reload (SIGHUP) failed", StringComparison.Ordinal),
            "the failed reload in the daemon's log");
        var log = File.ReadAllText(daemon.LogFile);
        log.Should().Contain("services.toml:6:1").And.Contain("auto_strat");
        (await IdsAsync(daemon)).Should().Equal(["one", "two"], "an invalid file changes nothing");
        daemon.Process.HasExited.Should().BeFalse("SIGHUP reloads; it does not end the daemon");
    }

    [Fact]
    public async Task A_sighup_while_the_daemon_is_still_starting_does_not_end_it_and_is_answered_once_it_is_ready()
    {
        using var home = new TestHome();
        home.WriteConfig(One);
        using var process = Process.Start(Svcmgr.StartInfo(home.Path, ["daemon"]))!;
        process.StandardInput.Close();
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // The pidfile is taken early in start-up, well before the fleet is restored and the reload is ready:
            // from then until the daemon answers, SIGHUP after SIGHUP, so some land in that window.
            var pidFile = Path.Combine(home.Path, "svcmgr.pid");
            await Eventually.TrueAsync(() => process.HasExited || ServiceManager.Daemon.Hosting.PidFileLock.ReadHolder(pidFile) == process.Id,
                "the daemon to take its pidfile");
            var sent = 0;
            do
            {
                ServiceManager.Platform.Unix.UnixProcess.Signal(process.Id, 1);
                sent++;
            }
            while (!process.HasExited && !await AnswersPingAsync(Path.Combine(home.Path, "svcmgr.sock")));

            process.HasExited.Should().BeFalse($"{sent} SIGHUPs during start-up must not end the daemon (exit {(process.HasExited ? process.ExitCode : 0)}):\n{output}");
            await Eventually.TrueAsync(() => File.Exists(Path.Combine(home.Path, "daemon.log")) &&
                                             File.ReadAllText(Path.Combine(home.Path, "daemon.log")).Contains("Config reloaded (SIGHUP)", StringComparison.Ordinal),
                "the SIGHUPs answered with a reload once the daemon was ready");
            process.HasExited.Should().BeFalse();
        }
        finally
        {
            if (!process.HasExited) ServiceManager.Platform.Unix.UnixProcess.Signal(process.Id, 15);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(timeout.Token);
        }
    }

    private static async Task<bool> AnswersPingAsync(string socket)
    {
        try
        {
            await using var client = await ServiceManager.Protocol.Client.DaemonClient.ConnectAsync(socket);
            await client.PingAsync();
            return true;
        }
        catch (ServiceManager.Protocol.Client.DaemonUnreachableException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Watch_config_reloads_when_the_file_is_saved_and_an_invalid_save_changes_nothing()
    {
        using var home = new TestHome();
        const string watching = "[daemon]\nwatch_config = true\n\n";
        home.WriteConfig(watching + One);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await Instances.WaitForStateAsync(daemon, "one", "running");
        await Eventually.TrueAsync(() => File.ReadAllText(daemon.LogFile).Contains("for changes (watch_config)", StringComparison.Ordinal), "the watch to start");

        // An editor's save: write a temporary file, rename it over the config.
        SaveByRename(home, OneAndTwo(watching));
        await Instances.WaitForStateAsync(daemon, "two", "running");

        SaveByRename(home, watching + "[instances.one]\nstart_command = 12\n");
        await Eventually.TrueAsync(() => File.ReadAllText(daemon.LogFile).Contains("Config reload (the config file changed) failed", StringComparison.Ordinal),
            "the failed reload in the daemon's log");
        (await IdsAsync(daemon)).Should().Equal(["one", "two"], "an invalid file changes nothing");

        SaveByRename(home, watching + One);
        await Eventually.GetAsync(() => IdsAsync(daemon), ids => ids.SequenceEqual(["one"]), "two to be removed by the next good save");
    }

    private static void SaveByRename(TestHome home, string toml)
    {
        var temporary = home.ConfigPath + ".swp";
        File.WriteAllText(temporary, toml);
        File.Move(temporary, home.ConfigPath, overwrite: true);
    }
}
