using ServiceManager.Config.Model;
using ServiceManager.Supervision.Tests.Support;

namespace ServiceManager.Supervision.Tests;

public sealed class RestartPolicyTests
{
    [Fact]
    public async Task Always_restarts_a_crashing_child_and_counts_the_restarts()
    {
        var definition = Defs.Shell("crashy", "exit 3", Defs.Restart(RestartPolicy.Always, maxPerMinute: 0));
        await using var h = new Harness(definition);

        await h.Supervisor.StartAsync();

        var snapshot = await h.WaitForAsync(s => s.Restarts >= 3, "three restarts");
        snapshot.LastExit!.Code.Should().Be(3);
        snapshot.Transitions.Should().Contain(t =>
            t.To == InstanceState.Restarting && t.Reason == "exited with code 3; restarting now");
    }

    [Fact]
    public async Task Always_restarts_a_child_that_exited_cleanly()
    {
        var definition = Defs.Shell("oneshot", "exit 0", Defs.Restart(RestartPolicy.Always, maxPerMinute: 0));
        await using var h = new Harness(definition);

        await h.Supervisor.StartAsync();

        await h.WaitForAsync(s => s.Restarts >= 2, "two restarts");
    }

    [Fact]
    public async Task On_failure_with_exit_code_zero_stops()
    {
        await using var h = new Harness(Defs.Shell("job", "exit 0", Defs.Restart(RestartPolicy.OnFailure)));

        await h.Supervisor.StartAsync();

        var snapshot = await h.WaitForStateAsync(InstanceState.Stopped);
        snapshot.LastExit!.Code.Should().Be(0);
        snapshot.Restarts.Should().Be(0);
        snapshot.Transitions[^1].Reason.Should().StartWith("exited with code 0");
    }

    [Fact]
    public async Task On_failure_with_a_failing_exit_restarts()
    {
        var definition = Defs.Shell("job", "exit 1", Defs.Restart(RestartPolicy.OnFailure, maxPerMinute: 0));
        await using var h = new Harness(definition);

        await h.Supervisor.StartAsync();

        await h.WaitForAsync(s => s.Restarts >= 1, "a restart");
    }

    [Fact]
    public async Task Never_stops_after_a_crash()
    {
        await using var h = new Harness(Defs.Shell("job", "exit 1", Defs.Restart(RestartPolicy.Never)));

        await h.Supervisor.StartAsync();

        var snapshot = await h.WaitForStateAsync(InstanceState.Stopped);
        snapshot.LastExit!.Code.Should().Be(1);
        snapshot.Restarts.Should().Be(0);
        snapshot.Transitions[^1].Reason.Should().Be("exited with code 1; restart=never");
    }

    [Fact]
    public async Task A_crash_loop_ends_in_failed_inside_the_window()
    {
        var definition = Defs.Shell("crashy", "exit 1", Defs.Restart(RestartPolicy.Always, maxPerMinute: 3));
        await using var h = new Harness(definition);

        await h.Supervisor.StartAsync();

        var snapshot = await h.WaitForStateAsync(InstanceState.Failed);
        snapshot.Restarts.Should().Be(3);
        snapshot.LastError.Should().Be("crash loop: 3 restarts in 1m00s");
        snapshot.Transitions[^1].Reason.Should().Be("exited with code 1; crash loop: 3 restarts in 1m00s");

        (await h.Supervisor.StartAsync()).Should().Be(OperationOutcome.Done, "a manual start gives it a fresh window");
        await h.WaitForAsync(s => s.State == InstanceState.Failed && s.Restarts == 6, "a second crash loop");
    }

    [Fact]
    public async Task A_signal_death_is_a_failure_and_is_described()
    {
        await using var h = new Harness(Defs.Shell("job", "kill -KILL $$", Defs.Restart(RestartPolicy.Never)));

        await h.Supervisor.StartAsync();

        var snapshot = await h.WaitForStateAsync(InstanceState.Stopped);
        snapshot.LastExit!.Signal.Should().Be(9);
        snapshot.Transitions[^1].Reason.Should().Be("killed by signal SIGKILL; restart=never");
    }

    [Fact]
    public async Task Stop_cancels_a_pending_restart()
    {
        var definition = Defs.Shell("crashy", "exit 1", Defs.Restart(RestartPolicy.Always, backoffInitialSeconds: 600));
        await using var h = new Harness(definition);
        await h.Supervisor.StartAsync();
        await h.WaitForStateAsync(InstanceState.Restarting);

        (await h.Supervisor.StopAsync()).Should().Be(OperationOutcome.Done);

        h.Snapshot.State.Should().Be(InstanceState.Stopped);
        h.Snapshot.Transitions[^1].Reason.Should().Contain("pending restart cancelled");
    }

    [Fact]
    public async Task Leftover_grandchildren_of_a_crashed_child_are_killed_before_the_restart()
    {
        using var dir = new TempDir();
        var pidFile = dir.File("grandchild.pid");
        var definition = Defs.Shell(
            "leaky", $"sleep 1000 & echo $! > {pidFile}; exit 1", Defs.Restart(RestartPolicy.Never));
        await using var h = new Harness(definition);

        await h.Supervisor.StartAsync();
        var grandchild = await Processes.ReadPidFileAsync(pidFile);
        await h.WaitForStateAsync(InstanceState.Stopped);

        Processes.IsAlive(grandchild).Should().BeFalse();
    }
}
