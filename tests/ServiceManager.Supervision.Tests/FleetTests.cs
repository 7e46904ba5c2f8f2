using ServiceManager.Config.Model;
using ServiceManager.Supervision.Tests.Support;
using static ServiceManager.Supervision.Tests.Support.FleetHarness;

namespace ServiceManager.Supervision.Tests;

public sealed class FleetTests
{
    [Fact]
    public async Task Numeric_ids_follow_first_appearance_and_are_never_reused()
    {
        await using var h = new FleetHarness();

        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("a"), Defs.Sleeper("b")));
        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("b"), Defs.Sleeper("c")));
        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("b"), Defs.Sleeper("c"), Defs.Sleeper("d"), Defs.Sleeper("a")));

        h.Fleet.List().Select(s => (s.Id, s.NumericId)).Should().Equal(("a", 1), ("b", 2), ("c", 3), ("d", 4));
    }

    [Fact]
    public async Task Names_resolve_by_id_by_numeric_id_and_by_port()
    {
        await using var h = new FleetHarness();
        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("web", port: 18081), Defs.Sleeper("7", port: 18082), Defs.Sleeper("db")));

        h.Fleet.Resolve("web").Id.Should().Be("web");
        h.Fleet.Resolve("3").Id.Should().Be("db");
        h.Fleet.Resolve("7").Id.Should().Be("7", "an exact id wins over a numeric id");
        h.Fleet.Resolve("2").Id.Should().Be("7");
        h.Fleet.Resolve(":18081").Id.Should().Be("web");
        h.Fleet.TryResolve(":18089", out _).Should().BeFalse();
        h.Fleet.TryResolve("9", out _).Should().BeFalse();
        h.Fleet.TryGetLog(":18082", out var log).Should().BeTrue();
        log!.Instance.Should().Be("7");
        var act = () => h.Fleet.Resolve("nope");
        act.Should().Throw<UnknownInstanceException>().Which.Name.Should().Be("nope");
    }

    [Fact]
    public async Task Apply_reports_the_diff_and_acts_on_it()
    {
        await using var h = new FleetHarness();
        var first = await h.Fleet.ApplyAsync(ConfigOf(
            Defs.Sleeper("keep", autoStart: true),
            Defs.Command("change", ["sleep", "1000"], autoStart: true),
            Defs.Sleeper("drop", autoStart: true),
            Defs.Sleeper("idle")));
        first.Added.Should().Equal("change", "drop", "idle", "keep");
        var keepPid = h.Get("keep").Pid;
        var changePid = h.Get("change").Pid;
        var dropPid = h.Get("drop").Pid!.Value;
        keepPid.Should().NotBeNull();
        h.Get("idle").State.Should().Be(InstanceState.Stopped, "idle has no auto_start");

        var diff = await h.Fleet.ApplyAsync(ConfigOf(
            Defs.Sleeper("keep", autoStart: true),
            Defs.Command("change", ["sleep", "999"], autoStart: true),
            Defs.Sleeper("idle"),
            Defs.Sleeper("new", autoStart: true)));

        diff.Should().BeEquivalentTo(new ReloadDiff(["new"], ["drop"], ["change"], ["idle", "keep"]));
        h.Get("keep").Pid.Should().Be(keepPid);
        var changed = h.Get("change");
        changed.State.Should().Be(InstanceState.Running);
        changed.Pid.Should().NotBe(changePid);
        File.ReadAllText($"/proc/{changed.Pid}/cmdline").Should().Contain("999");
        h.Fleet.TryResolve("drop", out _).Should().BeFalse();
        Processes.IsAlive(dropPid).Should().BeFalse();
        h.Get("new").State.Should().Be(InstanceState.Running);
        h.Get("idle").State.Should().Be(InstanceState.Stopped);
    }

    [Fact]
    public async Task A_changed_instance_that_was_stopped_stays_stopped_unless_auto_start()
    {
        await using var h = new FleetHarness();
        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("a"), Defs.Sleeper("b")));

        var diff = await h.Fleet.ApplyAsync(ConfigOf(
            Defs.Command("a", ["sleep", "999"]), Defs.Command("b", ["sleep", "999"], autoStart: true)));

        diff.Changed.Should().Equal("a", "b");
        h.Get("a").State.Should().Be(InstanceState.Stopped);
        h.Get("a").Definition.Command.Should().Equal("sleep", "999");
        h.Get("b").State.Should().Be(InstanceState.Running);
    }

    [Fact]
    public async Task Stop_all_leaves_no_process_behind()
    {
        await using var h = new FleetHarness();
        var pidFile = h.File("grandchild.pid");
        await h.Fleet.ApplyAsync(ConfigOf(
            Defs.Sleeper("a", autoStart: true),
            Defs.Shell("b", $"sleep 1000 & echo $! > {pidFile}; wait", autoStart: true),
            Defs.Shell("c", "trap '' TERM; while :; do sleep 0.1; done", stop: Defs.Stop(timeoutSeconds: 0.5), autoStart: true)));
        var groups = h.Fleet.List().Select(s => s.Pid!.Value).ToList();
        var grandchild = await Processes.ReadPidFileAsync(pidFile);

        var result = await h.Fleet.StopAllAsync();

        result.Done.Should().Equal("a", "b", "c");
        groups.SelectMany(Processes.LiveMembersOfGroup).Should().BeEmpty();
        Processes.IsAlive(grandchild).Should().BeFalse();
        h.Fleet.List().Should().OnlyContain(s => s.State == InstanceState.Stopped);
    }

    [Fact]
    public async Task Operations_by_name_report_done_and_unchanged_and_do_nothing_on_an_unknown_name()
    {
        await using var h = new FleetHarness();
        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("a", autoStart: true), Defs.Sleeper("b")));

        var act = () => h.Fleet.StartAsync(["b", "ghost"]);
        (await act.Should().ThrowAsync<UnknownInstanceException>()).Which.Name.Should().Be("ghost");
        h.Get("b").State.Should().Be(InstanceState.Stopped);

        var started = await h.Fleet.StartAsync(["a", "2", "b"]);
        started.Done.Should().Equal("b");
        started.Unchanged.Should().Equal("a");

        var stopped = await h.Fleet.StopAsync(["1"]);
        stopped.Done.Should().Equal("a");
        h.Get("a").State.Should().Be(InstanceState.Stopped);
    }

    [Fact]
    public async Task Start_reports_a_spawn_failure()
    {
        await using var h = new FleetHarness();
        await h.Fleet.ApplyAsync(ConfigOf(Defs.Command("broken", ["/nonexistent/svcmgr-test"])));

        var result = await h.Fleet.StartAsync(["broken"]);

        result.Failed.Should().ContainSingle().Which.Error.Should().Contain("spawn failed");
    }

    [Fact]
    public async Task Output_and_transitions_reach_the_instance_log()
    {
        await using var h = new FleetHarness();
        await h.Fleet.ApplyAsync(ConfigOf(Defs.Shell("talker", "echo hello-from-child", autoStart: true)));

        h.Fleet.TryGetLog("talker", out var log).Should().BeTrue();
        await Eventually.TrueAsync(
            () => log!.Tail(50).Any(e => e.Text == "hello-from-child")
                && log.Tail(50).Any(e => e.Text.Contains("running -> stopped", StringComparison.Ordinal)),
            "the child's line and the transition in the log");
    }

    [Fact]
    public async Task Add_and_remove_instances_at_run_time()
    {
        await using var h = new FleetHarness();
        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("a")));

        var added = await h.Fleet.AddAsync(Defs.Sleeper("extra"), start: true);
        added.NumericId.Should().Be(2);
        added.State.Should().Be(InstanceState.Running);
        var pid = added.Pid!.Value;

        (await h.Fleet.RemoveAsync(["2"])).Should().Equal("extra");
        Processes.IsAlive(pid).Should().BeFalse();
        h.Fleet.TryResolve("extra", out _).Should().BeFalse();
    }

    [Fact]
    public async Task State_changes_of_all_instances_are_raised_by_the_fleet()
    {
        await using var h = new FleetHarness();
        var seen = new List<(string, InstanceState)>();
        h.Fleet.StateChanged += (s, t) => { lock (seen) seen.Add((s.Id, t.To)); };

        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("a", autoStart: true), Defs.Sleeper("b", autoStart: true)));

        await Eventually.TrueAsync(
            () => { lock (seen) return seen.Contains(("a", InstanceState.Running)) && seen.Contains(("b", InstanceState.Running)); },
            "both instances running");
    }

    [Fact]
    public async Task A_child_that_ends_on_its_own_reports_its_exit_and_last_stderr_lines()
    {
        await using var h = new FleetHarness();
        var transitions = new List<StateTransition>();
        h.Fleet.StateChanged += (_, t) => { lock (transitions) transitions.Add(t); };
        // 25 stderr lines (only the last 20 are quoted), a stdout line in between, then exit 3.
        var script = "i=1; while [ $i -le 25 ]; do echo \"err $i\" >&2; i=$((i+1)); done; echo out; exit 3";

        await h.Fleet.ApplyAsync(ConfigOf(Defs.Shell("crash", script, autoStart: true)));

        await Eventually.TrueAsync(() => { lock (transitions) return transitions.Any(t => t.To == InstanceState.Stopped); }, "the child to exit");
        StateTransition stopped;
        lock (transitions) stopped = transitions.First(t => t.To == InstanceState.Stopped);
        stopped.Exit.Should().NotBeNull();
        stopped.Exit!.Exit.Code.Should().Be(3);
        stopped.Exit.Exit.Signal.Should().BeNull();
        stopped.Exit.StderrTail.Should().Equal(Enumerable.Range(6, 20).Select(i => $"err {i}"),
            "the last 20 lines the child wrote to stderr, without stdout or the supervisor's own lines");
        lock (transitions) transitions.Where(t => t.To != InstanceState.Stopped).Should().OnlyContain(t => t.Exit == null);
    }

    [Fact]
    public async Task A_stop_carries_no_exit_report()
    {
        await using var h = new FleetHarness();
        var transitions = new List<StateTransition>();
        h.Fleet.StateChanged += (_, t) => { lock (transitions) transitions.Add(t); };
        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("a", autoStart: true)));
        await Eventually.TrueAsync(() => h.Get("a").State == InstanceState.Running, "a running");

        await h.Fleet.StopAsync(["a"]);

        await Eventually.TrueAsync(() => { lock (transitions) return transitions.Any(t => t.To == InstanceState.Stopped); }, "a stopped");
        lock (transitions) transitions.Should().OnlyContain(t => t.Exit == null);
    }

    [Fact]
    public async Task An_apply_that_fails_leaves_the_fleet_as_it_was()
    {
        await using var h = new FleetHarness();
        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("a", autoStart: true)));
        var pid = h.Get("a").Pid;
        var broken = ConfigOf(Defs.Sleeper("b", autoStart: true)) with
        {
            Daemon = DaemonSettings.Default with { LogBufferLines = 0 },
        };

        var act = () => h.Fleet.ApplyAsync(broken);

        await act.Should().ThrowAsync<ArgumentException>();
        h.Fleet.List().Select(s => s.Id).Should().Equal("a");
        h.Get("a").Pid.Should().Be(pid);
        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("a", autoStart: true), Defs.Sleeper("b")));
        h.Get("b").NumericId.Should().Be(2, "the failed apply took no numeric id");
    }
}
