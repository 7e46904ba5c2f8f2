using System.Diagnostics;
using ServiceManager.Platform;
using ServiceManager.Supervision.Tests.Support;

namespace ServiceManager.Supervision.Tests;

public sealed class StartStopTests
{
    [Fact]
    public async Task Start_runs_the_child_and_reports_a_live_pid()
    {
        await using var h = new Harness(Defs.Sleeper("web"));

        var outcome = await h.Supervisor.StartAsync();

        outcome.Should().Be(OperationOutcome.Done);
        var snapshot = h.Snapshot;
        snapshot.State.Should().Be(InstanceState.Running);
        snapshot.Pid.Should().NotBeNull();
        snapshot.StartedAt.Should().NotBeNull();
        Processes.IsAlive(snapshot.Pid!.Value).Should().BeTrue();
    }

    [Fact]
    public async Task Start_while_running_is_unchanged_and_stop_while_stopped_is_unchanged()
    {
        await using var h = new Harness(Defs.Sleeper("web"));

        (await h.Supervisor.StopAsync()).Should().Be(OperationOutcome.Unchanged);
        await h.Supervisor.StartAsync();
        var pid = h.Snapshot.Pid;

        (await h.Supervisor.StartAsync()).Should().Be(OperationOutcome.Unchanged);
        h.Snapshot.Pid.Should().Be(pid);
    }

    [Fact]
    public async Task Stop_kills_the_child_and_its_grandchildren()
    {
        using var dir = new TempDir();
        var pidFile = dir.File("grandchild.pid");
        await using var h = new Harness(Defs.Shell("web", $"sleep 1000 & echo $! > {pidFile}; wait"));
        await h.Supervisor.StartAsync();
        var childPid = h.Snapshot.Pid!.Value;
        var grandchildPid = await Processes.ReadPidFileAsync(pidFile);
        Processes.IsAlive(grandchildPid).Should().BeTrue();

        var outcome = await h.Supervisor.StopAsync();

        outcome.Should().Be(OperationOutcome.Done);
        h.Snapshot.State.Should().Be(InstanceState.Stopped);
        h.Snapshot.Pid.Should().BeNull();
        h.Snapshot.Transitions[^1].Reason.Should().Be("stopped by request");
        Processes.IsAlive(childPid).Should().BeFalse();
        Processes.IsAlive(grandchildPid).Should().BeFalse("the stop signal goes to the whole process group");
        Processes.LiveMembersOfGroup(childPid).Should().BeEmpty();
        h.Snapshot.LastExit!.Signal.Should().Be(SignalNames.SIGTERM);
    }

    [Fact]
    public async Task A_child_ignoring_the_stop_signal_is_killed_after_stop_timeout()
    {
        using var dir = new TempDir();
        var ready = dir.File("ready");
        var definition = Defs.Shell(
            "stubborn", $"trap '' TERM; touch {ready}; while :; do sleep 0.1; done", stop: Defs.Stop(timeoutSeconds: 0.5));
        await using var h = new Harness(definition);
        await h.Supervisor.StartAsync();
        var pid = h.Snapshot.Pid!.Value;
        await Eventually.TrueAsync(() => File.Exists(ready), "the TERM trap to be installed");

        var clock = Stopwatch.StartNew();
        await h.Supervisor.StopAsync();
        clock.Stop();

        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(450));
        h.Snapshot.State.Should().Be(InstanceState.Stopped);
        h.Snapshot.LastExit!.Signal.Should().Be(SignalNames.SIGKILL);
        h.Snapshot.Transitions[^1].Reason.Should().Contain("sent SIGKILL");
        Processes.LiveMembersOfGroup(pid).Should().BeEmpty();
    }

    [Fact]
    public async Task Stop_command_runs_instead_of_the_signal_with_the_pid_substituted()
    {
        using var dir = new TempDir();
        var ready = dir.File("ready");
        var got = dir.File("got");
        var seenPid = dir.File("seen.pid");
        var definition = Defs.Shell(
            "graceful",
            $"trap 'echo usr1 > {got}; exit 0' USR1; touch {ready}; while :; do sleep 0.1; done",
            stop: Defs.Stop(timeoutSeconds: 20, command: $"echo {{pid}} > {seenPid}; kill -USR1 {{pid}}"));
        await using var h = new Harness(definition);
        await h.Supervisor.StartAsync();
        var pid = h.Snapshot.Pid!.Value;
        await Eventually.TrueAsync(() => File.Exists(ready), "the USR1 trap to be installed");

        await h.Supervisor.StopAsync();

        h.Snapshot.State.Should().Be(InstanceState.Stopped);
        (await Processes.ReadPidFileAsync(seenPid)).Should().Be(pid);
        File.ReadAllText(got).Trim().Should().Be("usr1");
        h.Snapshot.LastExit!.Code.Should().Be(0);
        h.Snapshot.Transitions[^1].Reason.Should().NotContain("SIGKILL");
        h.Snapshot.Transitions[^2].Reason.Should().Contain("stop_command");
    }

    [Fact]
    public async Task A_program_that_cannot_be_spawned_fails_with_the_reason()
    {
        await using var h = new Harness(Defs.Command("broken", ["/nonexistent/svcmgr-test-program", "x"]));

        var outcome = await h.Supervisor.StartAsync();

        outcome.Should().Be(OperationOutcome.Failed);
        h.Snapshot.State.Should().Be(InstanceState.Failed);
        h.Snapshot.Pid.Should().BeNull();
        h.Snapshot.LastError.Should().Contain("spawn failed").And.Contain("/nonexistent/svcmgr-test-program");
        h.Snapshot.Transitions[^1].Reason.Should().Be(h.Snapshot.LastError);
        await Eventually.TrueAsync(
            () => h.Sink.SystemLines.Any(l => l.Contains("spawn failed", StringComparison.Ordinal)),
            "the failure in the instance log");
    }

    [Fact]
    public async Task Transitions_are_recorded_in_order_and_events_follow_them()
    {
        await using var h = new Harness(Defs.Sleeper("web"));
        var events = new List<StateTransition>();
        h.Supervisor.StateChanged += (_, t) => { lock (events) events.Add(t); };

        await h.Supervisor.StartAsync();
        await h.Supervisor.StopAsync();

        var states = h.Snapshot.Transitions.Select(t => (t.From, t.To)).ToList();
        states.Should().Equal(
            (InstanceState.Stopped, InstanceState.Starting),
            (InstanceState.Starting, InstanceState.Running),
            (InstanceState.Running, InstanceState.Stopping),
            (InstanceState.Stopping, InstanceState.Stopped));
        h.Snapshot.Transitions.Select(t => t.At).Should().BeInAscendingOrder();
        await Eventually.TrueAsync(() => { lock (events) return events.Count == 4; }, "four events");
        lock (events) events.Should().Equal(h.Snapshot.Transitions);
    }

    [Fact]
    public async Task Restart_replaces_the_child_and_counts_it()
    {
        await using var h = new Harness(Defs.Sleeper("web"));
        await h.Supervisor.StartAsync();
        var first = h.Snapshot.Pid!.Value;

        (await h.Supervisor.RestartAsync()).Should().Be(OperationOutcome.Done);

        h.Snapshot.State.Should().Be(InstanceState.Running);
        h.Snapshot.Pid.Should().NotBe(first);
        h.Snapshot.Restarts.Should().Be(1);
        Processes.IsAlive(first).Should().BeFalse();

        await h.Supervisor.StopAsync();
        (await h.Supervisor.RestartAsync()).Should().Be(OperationOutcome.Done, "restart works from stopped too");
        h.Snapshot.State.Should().Be(InstanceState.Running);
    }

    [Fact]
    public async Task The_child_gets_the_daemon_environment_with_the_config_environment_over_it()
    {
        using var dir = new TempDir();
        var output = dir.File("env");
        var baseEnvironment = new Dictionary<string, string>(DaemonEnvironment.Capture())
        {
            ["SVCMGR_TEST_BASE"] = "base-only",
            ["SVCMGR_TEST_BOTH"] = "from-daemon",
        };
        var definition = Defs.Shell(
            "env",
            $"echo \"$SVCMGR_TEST_BASE $SVCMGR_TEST_BOTH $(pwd)\" > {output}",
            env: new Dictionary<string, string> { ["SVCMGR_TEST_BOTH"] = "from-config" },
            workingDirectory: dir.Path);
        await using var h = new Harness(definition, baseEnvironment: baseEnvironment);

        await h.Supervisor.StartAsync();
        await h.WaitForStateAsync(InstanceState.Stopped);

        File.ReadAllText(output).Trim().Should().Be($"base-only from-config {dir.Path}");
    }

    [Fact]
    public async Task Dispose_stops_the_child()
    {
        var h = new Harness(Defs.Sleeper("web"));
        await h.Supervisor.StartAsync();
        var pid = h.Snapshot.Pid!.Value;

        await h.DisposeAsync();

        Processes.IsAlive(pid).Should().BeFalse();
        h.Snapshot.State.Should().Be(InstanceState.Stopped);
        var act = () => h.Supervisor.StartAsync();
        await act.Should().ThrowAsync<ObjectDisposedException>();
    }
}
