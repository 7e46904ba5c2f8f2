using ServiceManager.Config.Model;
using ServiceManager.Platform;
using ServiceManager.Supervision.Tests.Support;

namespace ServiceManager.Supervision.Tests;

/// <summary>The depends_on conditions, decided from a snapshot and a health verdict.</summary>
public sealed class InstanceReadinessTests
{
    private static InstanceSnapshot Snapshot(InstanceState state, ChildExit? exit = null, bool own = false, bool logReady = false, string? error = null) =>
        new("db", 1, Defs.Sleeper("db"), state, state == InstanceState.Running ? 42 : null, null, 0, exit, [], error,
            LogReady: logReady, ExitedOnItsOwn: own);

    private static DependencyCheck Check(InstanceSnapshot s, DependencyCondition condition, bool? healthy = null) =>
        new InstanceReadiness(s, healthy).Check(condition);

    [Fact]
    public void A_bare_name_waits_for_running_and_for_healthy_only_with_a_health_check()
    {
        Check(Snapshot(InstanceState.Running), DependencyCondition.Running).Met.Should().BeTrue();
        Check(Snapshot(InstanceState.Running), DependencyCondition.Running, healthy: true).Met.Should().BeTrue();
        Check(Snapshot(InstanceState.Running), DependencyCondition.Running, healthy: false).Should().Be(DependencyCheck.Waiting("running, not healthy yet"));
        Check(Snapshot(InstanceState.Stopped), DependencyCondition.Running).Should().Be(DependencyCheck.Waiting("not started"));
    }

    [Fact]
    public void Started_holds_while_running_and_after_a_one_shot_ended_on_its_own()
    {
        Check(Snapshot(InstanceState.Running), DependencyCondition.Started).Met.Should().BeTrue();
        Check(Snapshot(InstanceState.Stopped, new ChildExit(0, null), own: true), DependencyCondition.Started).Met.Should().BeTrue();
        Check(Snapshot(InstanceState.Stopped, new ChildExit(null, 15)), DependencyCondition.Started).Should().Be(DependencyCheck.Waiting("stopped"));
        Check(Snapshot(InstanceState.Stopped), DependencyCondition.Started).Met.Should().BeFalse();
    }

    [Fact]
    public void Healthy_needs_the_checks_verdict_on_a_running_child()
    {
        Check(Snapshot(InstanceState.Running), DependencyCondition.Healthy, healthy: true).Met.Should().BeTrue();
        Check(Snapshot(InstanceState.Running), DependencyCondition.Healthy, healthy: false).Should().Be(DependencyCheck.Waiting("running, not healthy yet"));
        Check(Snapshot(InstanceState.Restarting, new ChildExit(1, null), own: true), DependencyCondition.Healthy, healthy: false)
            .Should().Be(DependencyCheck.Waiting("exited with code 1, restarting"));
    }

    [Fact]
    public void Log_ready_needs_this_runs_line_and_a_run_that_ended_without_it_never_gives_it()
    {
        Check(Snapshot(InstanceState.Running, logReady: true), DependencyCondition.LogReady).Met.Should().BeTrue();
        Check(Snapshot(InstanceState.Running), DependencyCondition.LogReady).Should().Be(DependencyCheck.Waiting("running, its ready line not printed yet"));
        Check(Snapshot(InstanceState.Stopped, new ChildExit(2, null), own: true), DependencyCondition.LogReady)
            .Should().Be(DependencyCheck.Blocked("exited with code 2 before printing its ready line"));
    }

    [Fact]
    public void Completed_holds_after_exit_0_and_a_failed_completion_never_will()
    {
        Check(Snapshot(InstanceState.Stopped, new ChildExit(0, null), own: true), DependencyCondition.Completed).Met.Should().BeTrue();
        Check(Snapshot(InstanceState.Stopped, new ChildExit(1, null), own: true), DependencyCondition.Completed)
            .Should().Be(DependencyCheck.Blocked("completed with exit 1"));
        Check(Snapshot(InstanceState.Stopped, new ChildExit(null, 9), own: true), DependencyCondition.Completed)
            .Should().Be(DependencyCheck.Blocked("completed: killed by signal SIGKILL"));
        Check(Snapshot(InstanceState.Running), DependencyCondition.Completed).Should().Be(DependencyCheck.Waiting("running, not completed yet"));
        Check(Snapshot(InstanceState.Stopped, new ChildExit(0, null), own: false), DependencyCondition.Completed)
            .Should().Be(DependencyCheck.Waiting("stopped before completing"), "an exit 0 after a stop request is not a completion");
        Check(Snapshot(InstanceState.Stopped), DependencyCondition.Completed).Should().Be(DependencyCheck.Waiting("not started"));
    }

    [Fact]
    public void A_failed_dependency_blocks_every_condition_and_says_why()
    {
        foreach (var condition in Enum.GetValues<DependencyCondition>())
        {
            Check(Snapshot(InstanceState.Failed, new ChildExit(1, null), own: true, error: "crash loop: 5 restarts in 1m00s"), condition)
                .Should().Be(DependencyCheck.Blocked("failed (crash loop: 5 restarts in 1m00s)"), condition.ToString());
        }
    }
}
