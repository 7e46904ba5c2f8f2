using ServiceManager.Config.Model;
using ServiceManager.Supervision.Tests.Support;
using static ServiceManager.Supervision.Tests.Support.FleetHarness;

namespace ServiceManager.Supervision.Tests;

/// <summary>What persistence relies on: the wish to run, child start times, numbers that survive, run-time instances.</summary>
public sealed class RunTimeFleetTests
{
    private static InstanceDefinition RunTime(string id, IReadOnlyList<string>? command = null) =>
        Defs.Command(id, command ?? ["sleep", "1000"]) with { Origin = InstanceOrigin.Run };

    [Fact]
    public async Task Start_and_restart_set_the_wish_to_run_stop_clears_it_and_a_halt_keeps_it()
    {
        await using var h = new FleetHarness();
        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("a")));
        h.Get("a").ShouldRun.Should().BeFalse();

        await h.Fleet.StartAsync(["a"]);
        var running = h.Get("a");
        running.ShouldRun.Should().BeTrue();
        running.ChildStartTime.Should().BeGreaterThan(0UL);

        await h.Fleet.HaltAllAsync();
        h.Get("a").Should().Match<InstanceSnapshot>(s => s.State == InstanceState.Stopped && s.ShouldRun && s.ChildStartTime == null);
        h.Get("a").Transitions[^1].Reason.Should().StartWith("stopped: daemon shutting down");

        await h.Fleet.RestartAsync(["a"]);
        h.Get("a").ShouldRun.Should().BeTrue();
        await h.Fleet.StopAsync(["a"]);
        h.Get("a").ShouldRun.Should().BeFalse();
    }

    [Fact]
    public async Task A_child_that_ends_for_good_no_longer_should_run_but_a_failed_one_still_should()
    {
        await using var h = new FleetHarness();
        await h.Fleet.ApplyAsync(ConfigOf(
            Defs.Command("done", ["true"], restart: Defs.Restart(RestartPolicy.OnFailure)),
            Defs.Command("broken", ["no-such-program-svcmgr"])));

        await h.Fleet.StartAsync(["done", "broken"]);

        var done = await Eventually.ValueAsync(() => h.Get("done"), s => s.State == InstanceState.Stopped && s.LastExit is not null, "done to finish");
        done.ShouldRun.Should().BeFalse("it exited 0 and its policy is on-failure");
        h.Get("broken").Should().Match<InstanceSnapshot>(s => s.State == InstanceState.Failed && s.ShouldRun);
    }

    [Fact]
    public async Task Numeric_ids_from_an_earlier_daemon_are_kept_and_never_given_to_others()
    {
        await using var h = new FleetHarness(new Dictionary<string, int> { ["b"] = 4, ["gone"] = 9 });

        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("a"), Defs.Sleeper("b")));
        await h.Fleet.AddAsync(RunTime("c"), start: false);

        h.Fleet.List().Select(s => (s.Id, s.NumericId)).Should().Equal(("b", 4), ("a", 10), ("c", 11));
        h.Fleet.NumericIds.Should().Contain("gone", 9).And.Contain("a", 10);
    }

    [Fact]
    public async Task Reload_leaves_run_time_instances_alone_and_refuses_their_ids()
    {
        await using var h = new FleetHarness();
        var changes = 0;
        h.Fleet.MembersChanged += () => changes++;
        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("file")));
        await h.Fleet.AddAsync(RunTime("adhoc"), start: true);

        var diff = await h.Fleet.ApplyAsync(ConfigOf());

        diff.Removed.Should().Equal("file");
        h.Get("adhoc").State.Should().Be(InstanceState.Running);
        changes.Should().Be(3);
        var clash = () => h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("adhoc")));
        await clash.Should().ThrowAsync<ArgumentException>();
        h.Fleet.List().Select(s => s.Id).Should().Equal("adhoc");
    }

    [Fact]
    public async Task Apply_can_decide_which_added_instances_start()
    {
        await using var h = new FleetHarness();

        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("auto", autoStart: true), Defs.Sleeper("wanted")), d => d.Id == "wanted");

        h.Get("auto").State.Should().Be(InstanceState.Stopped, "the predicate, not auto_start, decides");
        h.Get("wanted").State.Should().Be(InstanceState.Running);
    }

    [Fact]
    public async Task An_env_file_is_read_at_every_start_and_a_broken_one_fails_the_start_naming_file_and_line()
    {
        await using var h = new FleetHarness();
        var envFile = h.File("app.env");
        await File.WriteAllTextAsync(envFile, "GREETING=hello\n");
        var marker = h.File("seen");
        var definition = Defs.Shell("e", $"echo \"$GREETING $PORT\" > {marker}; exec sleep 1000", port: 9999,
            env: new Dictionary<string, string> { ["PORT"] = "9999" }) with { EnvFile = envFile };
        await h.Fleet.AddAsync(definition, start: true);
        await Eventually.TrueAsync(() => File.Exists(marker) && File.ReadAllText(marker) == "hello 9999\n", "the child to see the env file");

        await File.WriteAllTextAsync(envFile, "GREETING=\"bye\n");
        await h.Fleet.RestartAsync(["e"]);

        var failed = h.Get("e");
        failed.State.Should().Be(InstanceState.Failed);
        failed.LastError.Should().Be($"spawn failed: env file: {envFile}:1:10: GREETING: unterminated double quote");
    }
}
