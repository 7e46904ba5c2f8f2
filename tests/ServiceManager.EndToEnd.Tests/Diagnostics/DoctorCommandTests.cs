using System.Text.Json;
using System.Text.RegularExpressions;
using ServiceManager.Protocol;

namespace ServiceManager.EndToEnd.Tests.Diagnostics;

/// <summary><c>svcmgr doctor</c> on healthy, broken and crashed homes.</summary>
public sealed class DoctorCommandTests
{
    private const string GoodConfig = """
        [instances.worker]
        start_command = "sleep 1000"
        auto_start = true
        """;

    // Line 2, column 1: a misspelt key.
    private const string BrokenConfig = """
        [instances.worker]
        start_comand = "sleep 1000"
        """;

    private static void ShouldPass(CliResult result, string check, string message) =>
        result.Stdout.Should().MatchRegex($@"(?m)^\[OK\] +{check}: {message}", result.ToString());

    [Fact]
    public async Task The_daemons_uptime_counts_from_its_start_not_from_the_first_connection()
    {
        using var home = new TestHome();
        // READY=1 says the daemon serves clients, without connecting to it: its socket file appears earlier, while the
        // fleet is still being restored, and a JIT daemon on a loaded machine took longer than doctor's 5 s to answer.
        using var ready = new Operations.NotifyListener(home.Path, abstractName: false);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var process = System.Diagnostics.Process.Start(
            Svcmgr.StartInfo(home.Path, ["daemon"], new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = ready.Address }))!;
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // Nobody connects until the daemon has been up for two seconds: uptime is what is being tested.
            (await ready.ReceiveAsync()).Should().Be("READY=1");
            await Eventually.TrueAsync(() => clock.Elapsed > TimeSpan.FromSeconds(2.5), "two and a half seconds to pass");

            var result = await Svcmgr.RunAsync(home.Path, "doctor");

            var up = Regex.Match(result.Stdout, @"daemon: running: pid \d+, version \S+, up (\d+)s");
            up.Success.Should().BeTrue(result.ToString());
            int.Parse(up.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThanOrEqualTo(1, result.ToString());
        }
        finally
        {
            ServiceManager.Platform.Unix.UnixProcess.Signal(process.Id, 15);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_healthy_home_passes_with_OK_lines_and_exit_0()
    {
        using var home = new TestHome();
        home.WriteConfig(GoodConfig);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await Instances.RunningPidAsync(daemon, "worker");

        var result = await Svcmgr.RunAsync(home.Path, "doctor");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().NotContain("[FAIL]");
        ShouldPass(result, "state-dir", "state directory " + Regex.Escape(home.Path));
        ShouldPass(result, "runtime-dir", ".*mode 0700");
        ShouldPass(result, "daemon", $"running: pid {daemon.Process.Id}");
        ShouldPass(result, "socket", ".*mode 0600");
        ShouldPass(result, "pidfile", ".*held by the running daemon");
        ShouldPass(result, "config", Regex.Escape(home.ConfigPath) + ": 1 instance");
        ShouldPass(result, "instances", "1 instance, 1 running");
        ShouldPass(result, "ports", "no instance has a port");

        var json = await Svcmgr.RunAsync(home.Path, "doctor", "--json");
        json.ExitCode.Should().Be(0, json.ToString());
        var checks = JsonSerializer.Deserialize(json.Stdout, ProtocolJsonContext.Default.IReadOnlyListDoctorCheck)!;
        checks.Select(c => c.Name).Should().Contain(["state-dir", "runtime-dir", "logs-dir", "daemon", "socket", "pidfile", "config", "instances", "ports", "orphans"]);
        checks.Should().OnlyContain(c => c.Status == "ok" || c.Status == "warn");
    }

    [Fact]
    public async Task A_broken_config_without_a_daemon_fails_naming_file_line_and_column()
    {
        using var home = new TestHome();
        home.WriteConfig(BrokenConfig);

        var result = await Svcmgr.RunAsync(home.Path, "doctor");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stdout.Should().MatchRegex(@"(?m)^\[FAIL\] +config: ");
        result.Stdout.Should().Contain($"{home.ConfigPath}:2:1: instances.worker.start_comand: unknown key");
        result.Stdout.Should().MatchRegex(@"(?m)^\[WARN\] +daemon: not running", "no daemon, and none died here");
        ShouldPass(result, "socket", "no socket");
        ShouldPass(result, "pidfile", "no pidfile");
    }

    [Fact]
    public async Task A_config_broken_after_the_daemon_loaded_it_fails_with_a_reload_hint()
    {
        using var home = new TestHome();
        home.WriteConfig(GoodConfig);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        home.WriteConfig(BrokenConfig);

        var result = await Svcmgr.RunAsync(home.Path, "doctor");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stdout.Should().Contain($"{home.ConfigPath}:2:1: instances.worker.start_comand");
        result.Stdout.Should().Contain("svcmgr reload");
        ShouldPass(result, "daemon", "running");
    }

    [Fact]
    public async Task A_daemon_killed_with_SIGKILL_leaves_a_stale_socket_and_pidfile_that_doctor_reports()
    {
        using var home = new TestHome();
        var daemon = await DaemonProcess.StartAsync(home.Path);
        var deadPid = daemon.Process.Id;
        await using (daemon)
        {
            daemon.Process.Kill();
            await daemon.Process.WaitForExitAsync();
        }
        File.Exists(daemon.SocketPath).Should().BeTrue("nobody removed the socket");
        File.Exists(daemon.PidFile).Should().BeTrue("nobody removed the pidfile");

        var result = await Svcmgr.RunAsync(home.Path, "doctor");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stdout.Should().MatchRegex($@"(?m)^\[FAIL\] +socket: stale socket {Regex.Escape(daemon.SocketPath)}");
        result.Stdout.Should().MatchRegex($@"(?m)^\[FAIL\] +pidfile: stale pidfile {Regex.Escape(daemon.PidFile)}: names pid {deadPid}, which is gone");
        result.Stdout.Should().MatchRegex(@"(?m)^\[WARN\] +daemon: not running");

        // A new daemon takes both over.
        await using var next = await DaemonProcess.StartAsync(home.Path);
        var after = await Svcmgr.RunAsync(home.Path, "doctor");
        after.ExitCode.Should().Be(0, after.ToString());
        ShouldPass(after, "pidfile", $".*held by the running daemon \\(pid {next.Process.Id}\\)");
    }
}
