using ServiceManager.Protocol.Messages;
using ServiceManager.Tui.Screens;
using ServiceManager.Tui.State;
using static ServiceManager.Tui.Tests.Screens.Fixtures;

namespace ServiceManager.Tui.Tests.Screens;

public sealed class DetailTests
{
    private static (TopModel Model, DetailModel Detail) Opened()
    {
        var api = Instance("api", 1, port: 3000);
        var model = Model(api);
        model.Press(SpecialKey.Enter);
        var history = Enumerable.Range(0, 10)
            .Select(i => new MetricsHistoryPoint(Now.AddSeconds(-20 + 2 * i), i * 10.0, (100 + i) * 1024L * 1024))
            .ToList();
        model.OnDetail("api", Detail(api), new InspectResult("api", new Dictionary<string, string> { ["API_TOKEN"] = "s3cret", ["PORT"] = "3000" }, history));
        return (model, (DetailModel)model.Current);
    }

    [Fact]
    public void Shows_how_the_instance_runs_and_its_recent_transitions()
    {
        var (model, _) = Opened();

        var screen = model.Screen();

        screen[0].Should().Contain("Detail: api");
        screen.Should().Contain(l => l.Contains("● online"));
        screen.Should().Contain(l => l.Contains("PID: 1001") && l.Contains("Port: 3000") && l.Contains("Restarts: 0"));
        screen.Should().Contain(l => l.Contains("Command: python3 -m http.server"));
        screen.Should().Contain(l => l.Contains("CWD: /srv/app"));
        screen.Should().Contain(l => l.Contains("Last exit: never"));
        screen.Should().Contain(l => l.Contains("starting → running") && l.Contains("started, pid 1001"));
        screen.Should().OnlyContain(l => l.Length <= 80);
    }

    [Fact]
    public void Environment_values_are_masked_until_e()
    {
        var (model, detail) = Opened();

        model.Screen().Should().Contain(l => l.Contains("API_TOKEN=••••••")).And.NotContain(l => l.Contains("s3cret"));

        model.Press('e');

        detail.ShowEnv.Should().BeTrue();
        model.Screen().Should().Contain(l => l.Contains("API_TOKEN=s3cret"));
        model.Press('e');
        model.Screen().Should().NotContain(l => l.Contains("s3cret"));
    }

    [Fact]
    public void Sparklines_draw_the_daemons_history_and_grow_with_metrics_events()
    {
        var (model, detail) = Opened();

        var cpu = model.Screen().Single(l => l.StartsWith(" CPU ", StringComparison.Ordinal));
        cpu.Should().Contain("▁").And.Contain("█");

        model.OnEvent(Metrics(Now.AddSeconds(5), ("api", 95, 120L * 1024 * 1024)));

        detail.History.Should().HaveCount(11);
        detail.History[^1].CpuPercent.Should().Be(95);
        model.OnEvent(Metrics(Now.AddSeconds(5), ("api", 1, 1)));
        detail.History.Should().HaveCount(11, "a cycle already seen is not added twice");
    }

    [Fact]
    public void A_state_change_of_the_instance_reloads_the_detail_and_keys_act_on_it()
    {
        var (model, _) = Opened();

        model.OnEvent(StateChanged("api", "running", "stopping")).Should().Contain(new TopCommand.LoadDetail("api"));
        model.Press('r').Should().Equal(new TopCommand.Restart("api"));
        model.Press('s').Should().Equal([new TopCommand.Start("api")], "the event said it is stopping");
    }
}
