using ServiceManager.Config.Model;
using ServiceManager.Platform;
using ServiceManager.Supervision.Tests.Support;
using static ServiceManager.Supervision.Tests.Support.FleetHarness;

namespace ServiceManager.Supervision.Tests;

/// <summary><c>kill</c>: SIGKILL to the whole group at once — no stop signal, no grace — and no restart after it.</summary>
public sealed class KillTests
{
    [Fact]
    public async Task Kill_sends_sigkill_to_the_group_without_the_stop_signal_and_leaves_it_stopped()
    {
        await using var h = new FleetHarness();
        var script = $"trap 'echo term > \"{h.File("got-term")}\"' TERM; sleep 1000 & wait; while :; do sleep 1; done";
        await h.Fleet.ApplyAsync(ConfigOf(Defs.Shell("stubborn", script, Defs.Restart(RestartPolicy.Always), Defs.Stop(timeoutSeconds: 600), autoStart: true)));
        var child = h.Get("stubborn").Pid!.Value;
        await Eventually.TrueAsync(() => Processes.LiveMembersOfGroup(child).Count >= 2, "the child's sleep to start");
        var group = Processes.LiveMembersOfGroup(child);

        // A guard against a hang, not a speed target: a stop would wait the 600 s grace.
        var result = await h.Fleet.KillAsync(["stubborn"]).WaitAsync(TimeSpan.FromMinutes(2));

        result.Done.Should().Equal("stubborn");
        var snapshot = h.Get("stubborn");
        snapshot.State.Should().Be(InstanceState.Stopped, "restart = always does not bring a killed instance back");
        snapshot.ShouldRun.Should().BeFalse();
        snapshot.LastExit!.Signal.Should().Be(SignalNames.SIGKILL);
        snapshot.Transitions[^1].Reason.Should().Be("killed by request");
        File.Exists(h.File("got-term")).Should().BeFalse("no SIGTERM came first");
        group.Where(Processes.IsAlive).Should().BeEmpty("SIGKILL went to the whole group");
        result.StopIssues.Should().BeEmpty("SIGKILL was asked for: it is no issue");

        (await h.Fleet.KillAsync(["stubborn"])).Unchanged.Should().Equal("stubborn");
    }

    [Fact]
    public async Task Kill_of_an_instance_waiting_to_restart_cancels_the_restart()
    {
        await using var h = new FleetHarness();
        await h.Fleet.ApplyAsync(ConfigOf(Defs.Shell("crasher", "exit 1", Defs.Restart(RestartPolicy.Always, backoffInitialSeconds: 600), autoStart: true)));
        await Eventually.TrueAsync(() => h.Get("crasher").State == InstanceState.Restarting, "the crash and its backoff");

        var result = await h.Fleet.KillAsync(["crasher"]);

        result.Done.Should().Equal("crasher");
        h.Get("crasher").State.Should().Be(InstanceState.Stopped);
        h.Get("crasher").Transitions[^1].Reason.Should().Be("killed by request (pending restart cancelled)");
    }
}
