using ServiceManager.Config.Model;
using ServiceManager.Supervision.Tests.Support;
using static ServiceManager.Supervision.Tests.Support.FleetHarness;

namespace ServiceManager.Supervision.Tests;

/// <summary>A replica group's name in the resolver, and the rolling reload's replacement step, with real children.</summary>
public sealed class ReplicaSupervisionTests
{
    private static InstanceDefinition Member(string group, int index, string script, bool autoStart = true) =>
        Defs.Shell($"{group}.{index}", script, autoStart: autoStart) with { Group = group, Index = index, ReadyTimeout = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task A_groups_name_targets_every_member_and_is_ambiguous_where_one_instance_is_needed()
    {
        await using var h = new FleetHarness();
        await h.Fleet.ApplyAsync(ConfigOf(Member("api", 0, "sleep 1000", false), Member("api", 1, "sleep 1000", false), Defs.Sleeper("solo")));

        h.Fleet.ResolveTargets("api").Select(s => s.Id).Should().Equal("api.0", "api.1");
        h.Fleet.ResolveTargets("solo").Select(s => s.Id).Should().Equal("solo");
        h.Fleet.Group("solo").Should().BeEmpty();
        var one = () => h.Fleet.Resolve("api");
        one.Should().Throw<AmbiguousNameException>().Which.Candidates.Should().Equal("api.0", "api.1");

        var result = await h.Fleet.StartAsync(["api"]);
        result.Done.Should().Equal("api.0", "api.1");
        h.Get("solo").State.Should().Be(InstanceState.Stopped);
    }

    [Fact]
    public async Task A_replacement_takes_over_once_it_has_run_for_a_second_and_the_old_child_is_stopped()
    {
        await using var h = new FleetHarness();
        await h.Fleet.ApplyAsync(ConfigOf(Member("api", 0, "sleep 1000")));
        var old = await Eventually.GetAsync(() => Task.FromResult(h.Get("api.0")), s => s.Pid is not null, "api.0 to run");

        var replacement = new Replacement();
        var outcome = await h.Fleet.Resolve("api.0").ReplaceAsync(replacement);

        outcome.Should().Be(OperationOutcome.Done);
        var now = h.Get("api.0");
        now.State.Should().Be(InstanceState.Running);
        now.Pid.Should().NotBe(old.Pid).And.Be(replacement.Pid);
        now.Transitions.Skip(old.Transitions.Count).Should().ContainSingle("the instance never stops serving: one step, running to running")
            .Which.Should().Match<StateTransition>(t => t.From == InstanceState.Running && t.To == InstanceState.Running && t.Reason.Contains("rolling reload"));
        await Processes.GoneAsync(old.Pid!.Value, "the replaced child");
    }

    [Fact]
    public async Task A_replacement_that_exits_is_given_up_and_the_old_child_keeps_running()
    {
        await using var h = new FleetHarness();
        var marker = h.File("second-run");
        // The first run serves; a later one fails at once.
        await h.Fleet.ApplyAsync(ConfigOf(Member("api", 0, $"if [ -e '{marker}' ]; then exit 3; fi; touch '{marker}'; exec sleep 1000")));
        var old = await Eventually.GetAsync(() => Task.FromResult(h.Get("api.0")), s => s.Pid is not null, "api.0 to run");
        await Eventually.TrueAsync(() => File.Exists(marker), "the first run to mark itself");

        var replacement = new Replacement();
        var outcome = await h.Fleet.Resolve("api.0").ReplaceAsync(replacement);

        outcome.Should().Be(OperationOutcome.Failed);
        replacement.Failure.Should().Contain("exited with code 3").And.Contain($"pid {old.Pid} keeps serving");
        h.Get("api.0").Should().Match<InstanceSnapshot>(s => s.State == InstanceState.Running && s.Pid == old.Pid);
        Processes.IsAlive(old.Pid!.Value).Should().BeTrue();
    }
}
