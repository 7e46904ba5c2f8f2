using System.Text.Json;
using ServiceManager.Reliability.Tests.Support;

namespace ServiceManager.Reliability.Tests.Faults;

/// <summary>
/// What a stop reaches with process groups only (<c>cgroups = "off"</c>, or no writable cgroup v2): the child's whole
/// process group, by signal and then SIGKILL — but not a descendant that left the group with setsid(). A stop that
/// needed force says so; one that left a process running says so and fails. (With cgroups: <see cref="CgroupStopReachTests"/>.)
/// </summary>
public sealed class StopReachTests : DaemonFixture
{
    public override Task InitializeAsync()
    {
        Home.WriteConfig("""
            [daemon]
            cgroups = "off"

            [instances.stubborn]
            # trap '' makes TERM ignored, and an ignored signal stays ignored across fork and exec: the whole group ignores it.
            start_command = ["sh", "-c", "trap '' TERM; echo ready; while :; do sleep 0.1; done"]
            stop_timeout = "1s"
            auto_start = true

            [instances.escaper]
            # A non-interactive shell puts a background job in its own group, so setsid(1) calls setsid() without forking.
            start_command = ["sh", "-c", "setsid sleep 1000 & echo $! > escaped.pid; echo ready; exec sleep 1000"]
            auto_start = true

            [instances.family]
            start_command = ["sh", "-c", "sleep 1000 & echo $! > family.pid; echo ready; exec sleep 1000"]
            auto_start = true
            """);
        return StartDaemonAsync();
    }

    [Fact]
    public async Task A_child_that_ignores_SIGTERM_is_killed_after_its_grace_and_the_stop_says_so()
    {
        await LogFiles.WaitForAsync(Home, "stubborn", "ready");
        var pid = await Instances.RunningPidAsync(Daemon, "stubborn");

        var stop = await CliAsync("stop", "stubborn");

        stop.ExitCode.Should().Be(0, "the instance is stopped, by force: " + stop);
        stop.Stdout.Should().Contain("stopped stubborn");
        stop.Stderr.Should().Contain("warning: stubborn: ignored SIGTERM for 1s; killed with SIGKILL");
        Processes.IsAlive(pid).Should().BeFalse();
        var status = await Instances.StatusAsync(Daemon, "stubborn");
        status.Transitions[^1].Reason.Should().Contain("sent SIGKILL");
        ProcessVitals.ZombieChildrenOf(Daemon.Process.Id).Should().Be(0, "the daemon reaps what it killed");
    }

    [Fact]
    public async Task A_grandchild_in_the_group_is_stopped_with_the_child_and_the_stop_is_clean()
    {
        await LogFiles.WaitForAsync(Home, "family", "ready");
        var grandchild = await Processes.ReadPidFileAsync(Path.Combine(Home.Path, "family.pid"));

        var stop = await CliAsync("stop", "family");

        stop.ExitCode.Should().Be(0, stop.ToString());
        stop.Stderr.Should().BeEmpty();
        await Processes.AllGoneAsync([grandchild], "the grandchild in the child's group");
    }

    [Fact]
    public async Task A_grandchild_that_started_its_own_session_survives_the_stop_and_the_stop_reports_it_and_fails()
    {
        await LogFiles.WaitForAsync(Home, "escaper", "ready");
        var escaped = await Processes.ReadPidFileAsync(Path.Combine(Home.Path, "escaped.pid"));
        var child = await Instances.RunningPidAsync(Daemon, "escaper");

        var stop = await CliAsync("stop", "escaper", "--json");

        stop.ExitCode.Should().Be(1, "a process of the instance is still running: " + stop);
        Processes.IsAlive(child).Should().BeFalse("the child itself was stopped");
        Processes.IsAlive(escaped).Should().BeTrue("svcmgr cannot reach a process in a session of its own");
        using var json = JsonDocument.Parse(stop.Stdout);
        json.RootElement.GetProperty("done").EnumerateArray().Select(e => e.GetString()).Should().Equal("escaper");
        var warning = json.RootElement.GetProperty("warnings").EnumerateArray().Single();
        warning.GetProperty("id").GetString().Should().Be("escaper");
        warning.GetProperty("survivors").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(escaped);
        warning.GetProperty("message").GetString().Should().Contain($"pid {escaped} (sleep 1000)");
        File.ReadAllText(Daemon.LogFile).Should().Contain($"pid {escaped} (sleep 1000)", "the daemon log says so too");
        (await Instances.StatusAsync(Daemon, "escaper")).Transitions[^1].Reason.Should().Contain("outside its process group");

        // The plain output names it on stderr; a second stop has nothing to stop and nothing to report.
        (await CliAsync("start", "escaper")).ExitCode.Should().Be(0);
        await LogFiles.WaitForAsync(Home, "escaper", "ready");
        var text = await CliAsync("stop", "escaper");
        text.ExitCode.Should().Be(1);
        text.Stderr.Should().Contain("warning: escaper:").And.Contain($"pid {escaped} (sleep 1000)");
        var again = await CliAsync("stop", "escaper");
        again.ExitCode.Should().Be(0, "stopping a stopped instance reports no older stop's trouble: " + again);
        again.Stderr.Should().BeEmpty();
    }

    [Fact]
    public async Task Doctor_says_process_groups_are_used_by_choice()
    {
        var doctor = await CliAsync("doctor", "--json");

        using var json = JsonDocument.Parse(doctor.Stdout);
        var check = json.RootElement.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "containment");
        check.GetProperty("status").GetString().Should().Be("ok", "turned off on purpose: nothing to fix");
        check.GetProperty("message").GetString().Should().Be("process groups only (cgroups = \"off\" in [daemon])");
    }
}
