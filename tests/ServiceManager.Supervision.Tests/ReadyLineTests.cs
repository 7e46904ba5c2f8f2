using ServiceManager.Supervision.Tests.Support;

namespace ServiceManager.Supervision.Tests;

/// <summary><c>ready_log_line</c>: a run is log-ready once a line of its own output matches; every run earns it again.</summary>
public sealed class ReadyLineTests
{
    [Fact]
    public async Task A_run_becomes_log_ready_when_its_line_appears_and_a_restart_must_print_it_again()
    {
        using var dir = new TempDir();
        var go = dir.File("go");
        // Each run prints a line that does not match, then waits for "go" (and takes it away) before the one that does.
        var definition = Defs.Shell("db", $"echo booting; until [ -e {go} ]; do sleep 0.05; done; rm {go}; echo 'ready to accept connections' >&2; exec sleep 1000")
            with { ReadyLogLine = "ready to accept\\s+connections" };
        await using var h = new Harness(definition);
        var readied = 0;
        h.Supervisor.LogReady += _ => Interlocked.Increment(ref readied);

        await h.Supervisor.StartAsync();
        await Eventually.TrueAsync(() => h.Sink.Output.Contains("booting", StringComparison.Ordinal), "the first line");
        h.Snapshot.LogReady.Should().BeFalse("'booting' does not match");

        File.WriteAllText(go, "");
        await h.WaitForAsync(s => s.LogReady, "the ready line (on stderr) to count");
        await Eventually.TrueAsync(() => Volatile.Read(ref readied) == 1, "the LogReady event");
        await Eventually.TrueAsync(() => h.Sink.SystemLines.Contains("ready: a line of output matched ready_log_line"), "the note in the log");

        await h.Supervisor.RestartAsync();
        h.Snapshot.LogReady.Should().BeFalse("a new run earns readiness again");
        await Eventually.TrueAsync(() => h.Sink.Output.Split("booting").Length == 3, "the second run's first line");
        h.Snapshot.LogReady.Should().BeFalse();

        File.WriteAllText(go, "");
        await h.WaitForAsync(s => s.LogReady, "the second run's ready line");
        await Eventually.TrueAsync(() => Volatile.Read(ref readied) == 2, "a second LogReady event");
    }

    [Fact]
    public async Task A_line_printed_at_once_after_the_spawn_is_not_missed_and_a_stop_clears_readiness()
    {
        var definition = Defs.Shell("api", "echo 'listening on :8080'; exec sleep 1000") with { ReadyLogLine = "^listening on" };
        await using var h = new Harness(definition);

        await h.Supervisor.StartAsync();
        await h.WaitForAsync(s => s.LogReady, "the ready line");

        await h.Supervisor.StopAsync();
        h.Snapshot.LogReady.Should().BeFalse();
    }

    [Fact]
    public async Task Without_a_ready_line_a_run_is_never_log_ready()
    {
        await using var h = new Harness(Defs.Shell("api", "echo 'listening on :8080'; exec sleep 1000"));

        await h.Supervisor.StartAsync();
        await Eventually.TrueAsync(() => h.Sink.Output.Contains("listening", StringComparison.Ordinal), "the line");

        h.Snapshot.LogReady.Should().BeFalse();
    }

    [Fact]
    public async Task A_child_that_ends_by_itself_is_marked_so_and_one_that_is_stopped_is_not()
    {
        await using var h = new Harness(Defs.Shell("migrate", "exit 3"));

        await h.Supervisor.StartAsync();
        var ended = await h.WaitForStateAsync(InstanceState.Stopped);
        ended.ExitedOnItsOwn.Should().BeTrue();
        ended.LastExit!.Code.Should().Be(3);

        await using var s = new Harness(Defs.Sleeper("db"));
        await s.Supervisor.StartAsync();
        await s.Supervisor.StopAsync();
        s.Snapshot.ExitedOnItsOwn.Should().BeFalse();
        s.Snapshot.LastExit.Should().NotBeNull();
    }

    [Fact]
    public async Task A_start_with_a_reason_puts_it_in_the_transition()
    {
        await using var h = new Harness(Defs.Sleeper("job"));

        await h.Supervisor.StartAsync("scheduled run (*/5 * * * *)");

        h.Snapshot.Transitions.Should().Contain(t => t.To == InstanceState.Starting && t.Reason == "scheduled run (*/5 * * * *)");
    }
}
