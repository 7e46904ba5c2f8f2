using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;
using ServiceManager.Tui.Screens;
using ServiceManager.Tui.State;
using static ServiceManager.Tui.Tests.Screens.Fixtures;

namespace ServiceManager.Tui.Tests.Screens;

public sealed class FleetStateTests
{
    [Fact]
    public void A_state_change_shows_at_once_and_asks_for_a_fresh_list()
    {
        var model = Model(Instance("api", 1));

        var commands = model.OnEvent(StateChanged("api", "running", "stopping"));

        commands.Should().Equal(new TopCommand.Refresh());
        var row = model.Fleet.Find("api")!;
        row.Summary.State.Should().Be("stopping");
        row.Summary.Pid.Should().BeNull();
        model.Screen().Single(l => l.Contains("api")).Should().Contain("stopping");
    }

    [Fact]
    public void A_crash_says_why_in_the_footer()
    {
        var model = Model(Instance("api", 1));

        model.OnEvent(StateChanged("api", "running", "restarting") with { ExitCode = 3, StderrTail = ["starting", "fatal: no database"] });

        model.Message.Should().Be("api crashed (code 3): fatal: no database");
        model.MessageStyle.Should().Be(Rendering.Style.Bad);
    }

    [Fact]
    public void A_stop_is_not_reported_as_a_crash()
    {
        var model = Model(Instance("api", 1));

        model.OnEvent(StateChanged("api", "stopping", "stopped"));

        model.Message.Should().BeNull();
    }

    [Fact]
    public void Metrics_events_update_cpu_and_memory_of_running_instances_without_a_fetch()
    {
        var model = Model(Instance("api", 1), Instance("backup", 2, state: "stopped"));

        var commands = model.OnEvent(Metrics(Now, ("api", 42, 10L * 1024 * 1024), ("backup", 9, 1)));

        commands.Should().BeEmpty();
        model.Fleet.Find("api")!.Summary.CpuPercent.Should().Be(42);
        model.Screen().Single(l => l.Contains("api")).Should().Contain("42.0%").And.Contain("10.0M");
        model.Fleet.Find("backup")!.Summary.CpuPercent.Should().BeNull("a stopped instance has no metrics");
    }

    [Fact]
    public void Health_changes_apply_in_place_and_a_reload_refetches()
    {
        var model = Model(Instance("api", 1));

        model.OnEvent(new EventNotification("s1", EventTypes.HealthChanged, Now, Instance: "api", From: "unknown", To: "unhealthy"))
            .Should().BeEmpty();
        model.Fleet.Find("api")!.Summary.Health.Should().Be("unhealthy");
        model.OnEvent(new EventNotification("s1", EventTypes.ConfigReloaded, Now, Added: ["new"], Removed: [], Changed: []))
            .Should().Equal(new TopCommand.Refresh());
    }

    [Fact]
    public void Uptime_ticks_between_fetches()
    {
        var row = new InstanceRow(Instance("api", 1), Now);

        row.Uptime(Now.AddSeconds(10)).Should().Be(TimeSpan.FromSeconds(75));
        new InstanceRow(Instance("b", 2, state: "stopped"), Now).Uptime(Now).Should().BeNull();
    }

    [Fact]
    public void Before_the_first_list_the_dashboard_waits_rather_than_says_there_are_no_instances()
    {
        var model = new TopModel();

        model.Screen().Should().Contain(l => l.Contains("waiting for the daemon…")).And.NotContain(l => l.Contains("no instances"));
        model.Screen()[0].Should().Contain("connecting…");
    }

    [Fact]
    public void A_lost_daemon_is_said_in_the_title_bar_until_it_is_back()
    {
        var model = Model(Instance("api", 1));

        model.ConnectionLost();

        model.Screen()[0].Should().Contain("daemon not reachable — retrying");
        model.Screen().Should().Contain(l => l.Contains("api"), "the last known rows stay visible");

        model.ConnectionRestored([Instance("api", 1, restarts: 1)], Now);
        model.Screen()[0].Should().Contain("connected").And.NotContain("not reachable");
    }

    [Fact]
    public void Footer_messages_replace_the_key_hints_for_a_while()
    {
        var model = Model(Instance("api", 1));

        model.Say("restarted api", Now);

        model.Screen()[^1].Should().Contain("restarted api");
        model.Render(80, 24, Now.AddMinutes(1))[^1].Text.Should().Contain("detail");
    }

    [Fact]
    public void A_new_instance_in_a_state_event_asks_for_a_list()
    {
        var model = Model();

        model.OnEvent(StateChanged("fresh", "stopped", "starting")).Should().Equal(new TopCommand.Refresh());
        model.Fleet.Counts().Should().Be(new FleetCounts(0, 0, 0, 0));
        _ = new LogLine("x", "stdout", Now, "");
    }
}
