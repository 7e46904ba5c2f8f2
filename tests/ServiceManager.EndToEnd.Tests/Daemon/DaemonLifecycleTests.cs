using System.Diagnostics;

namespace ServiceManager.EndToEnd.Tests.Daemon;

/// <summary>The daemon's life: auto_start, child logs, crash loops, and a graceful SIGTERM.</summary>
public sealed class DaemonLifecycleTests
{
    [Fact]
    public async Task Sigterm_stops_every_child_and_grandchild_then_exits_0_removing_socket_and_pidfile()
    {
        using var home = new TestHome();
        home.WriteConfig("""
            [instances.stubborn]
            start_command = ["sh", "-c", 'trap "" TERM; sleep 1000 & echo $! > stubborn.gpid; wait']
            stop_timeout = "1s"
            auto_start = true

            [instances.polite]
            start_command = ["sh", "-c", 'sleep 1000 & echo $! > polite.gpid; wait']
            auto_start = true

            [instances.plain]
            start_command = "sleep 1000"
            auto_start = true
            """);
        var daemon = await DaemonProcess.StartAsync(home.Path);
        await using var _ = daemon;
        var pids = new List<int>();
        foreach (var id in new[] { "stubborn", "polite", "plain" }) pids.Add(await Instances.RunningPidAsync(daemon, id));
        pids.Add(await Processes.ReadPidFileAsync(Path.Combine(home.Path, "stubborn.gpid")));
        pids.Add(await Processes.ReadPidFileAsync(Path.Combine(home.Path, "polite.gpid")));
        pids.Should().OnlyContain(pid => Processes.IsAlive(pid));
        File.Exists(daemon.SocketPath).Should().BeTrue();
        File.Exists(daemon.PidFile).Should().BeTrue();

        var clock = Stopwatch.StartNew();
        var exitCode = await daemon.TerminateAsync();

        exitCode.Should().Be(0, daemon.Output);
        pids.Where(Processes.IsAlive).Should().BeEmpty("every child and grandchild is stopped before the daemon exits");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(9), "the ignored SIGTERM is followed by SIGKILL after stop_timeout (1s), not the default 10s");
        File.Exists(daemon.SocketPath).Should().BeFalse("the socket is removed on exit");
        File.Exists(daemon.PidFile).Should().BeFalse("the pidfile is removed on exit");
        LogFiles.Read(home, "stubborn").Should().Contain("SIGKILL", "the stubborn group had to be killed");
    }

    [Fact]
    public async Task Auto_start_instances_run_after_start_and_write_their_output_to_log_files()
    {
        using var home = new TestHome();
        home.WriteConfig("""
            [instances.eager]
            start_command = ["sh", "-c", 'echo eager-out; echo eager-err >&2; exec sleep 1000']
            auto_start = true

            [instances.lazy]
            start_command = "sleep 1000"
            auto_start = false

            [instances.default]
            start_command = "sleep 1000"
            """);
        var daemon = await DaemonProcess.StartAsync(home.Path);
        await using var _ = daemon;

        var pid = await Instances.RunningPidAsync(daemon, "eager");
        await LogFiles.WaitForAsync(home, "eager", "eager-err");

        var list = await Instances.ListAsync(daemon);
        list.Single(s => s.Id == "lazy").State.Should().Be("stopped");
        list.Single(s => s.Id == "default").State.Should().Be("stopped", "auto_start defaults to false");
        list.Where(s => s.Id != "eager").Should().OnlyContain(s => s.Pid == null);

        var lines = LogFiles.Read(home, "eager").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Contain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z out eager-out$"));
        lines.Should().Contain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\S+Z err eager-err$"));
        await LogFiles.WaitForAsync(home, "eager", $"err [svcmgr] starting -> running: started, pid {pid}");
        File.Exists(daemon.LogFile).Should().BeTrue("the daemon keeps its own log");

        (await daemon.TerminateAsync()).Should().Be(0);
        Processes.IsAlive(pid).Should().BeFalse();
    }

    [Fact]
    public async Task A_crash_loop_ends_in_state_failed_with_a_reason_naming_it()
    {
        using var home = new TestHome();
        home.WriteConfig("""
            [instances.crasher]
            start_command = ["sh", "-c", 'echo boom; exit 1']
            restart = "always"
            backoff_initial = "10ms"
            backoff_max = "40ms"
            max_restarts_per_minute = 3
            auto_start = true
            """);
        var daemon = await DaemonProcess.StartAsync(home.Path);
        await using var _ = daemon;

        var failed = await Instances.WaitForStateAsync(daemon, "crasher", "failed");

        failed.Pid.Should().BeNull();
        failed.Restarts.Should().Be(3, "three restarts were allowed in the minute");
        failed.LastExit!.Code.Should().Be(1);
        var status = await Svcmgr.RunAsync(home.Path, "status", "crasher");
        status.ExitCode.Should().Be(0, status.ToString());
        status.Stdout.Should().MatchRegex(@"(?m)^\s+\S+Z\s+running -> failed\s+.*crash loop");
        var detail = await Instances.StatusAsync(daemon, "crasher");
        detail.Transitions[^1].To.Should().Be("failed");
        detail.Transitions[^1].Reason.Should().Contain("crash loop");
        detail.Transitions.Count(t => t.To == "restarting").Should().Be(3);
        await LogFiles.WaitForAsync(home, "crasher", "crash loop");
        LogFiles.Read(home, "crasher").Split('\n').Count(l => l.EndsWith(" out boom", StringComparison.Ordinal)).Should().Be(4, "one run and three restarts");
    }
}
