using ServiceManager.Tui.Screens;
using static ServiceManager.Tui.Tests.Screens.Fixtures;

namespace ServiceManager.Tui.Tests.Screens;

public sealed class MonitorTests
{
    [Fact]
    public void A_tile_per_instance_with_bars_and_a_merged_log_pane()
    {
        var model = Model(Instance("api", 1), Instance("web", 2), Instance("backup", 3, state: "stopped"));
        model.Press('m');
        model.OnLogBacklog([Log("api", "listening on 3000"), Log("web", "GET / 200", "stderr")]);

        var screen = model.Screen();

        screen[0].Should().Contain("Monitor");
        screen.Should().Contain(l => l.Contains("┌─ api") && l.Contains("┌─ web") && l.Contains("┌─ backup"));
        screen.Should().Contain(l => l.Contains("● online") && l.Contains("○ stopped"));
        screen.Should().Contain(l => l.Contains("CPU █") && l.Contains("2.5%"));
        screen.Should().Contain(l => l.Contains("MEM ████████ 125M"));
        screen.Should().Contain(l => l.StartsWith("[api]", StringComparison.Ordinal) && l.Contains("listening on 3000"));
        screen.Should().Contain(l => l.StartsWith("[web]", StringComparison.Ordinal) && l.Contains("GET / 200"));
        screen.Should().OnlyContain(l => l.Length <= 80);
    }

    [Fact]
    public void Tiles_that_do_not_fit_are_counted_and_scroll()
    {
        var model = Model([.. Enumerable.Range(1, 20).Select(i => Instance($"svc-{i}", i))]);
        model.Press('m');

        var screen = model.Screen(80, 24);

        screen.Should().HaveCount(24);
        screen.Should().Contain(l => l.Contains("more (↑↓ to scroll)"));
        model.Press('j');
        model.Screen().Should().Contain(l => l.Contains("┌─ svc-4"));
    }

    [Fact]
    public void A_new_backlog_after_a_reconnection_replaces_the_lines_held()
    {
        var model = Model(Instance("api", 1));
        model.Press('m');
        model.OnLogBacklog([Log("api", "one")]);

        model.OnLogBacklog([Log("api", "one"), Log("api", "two")]);

        ((MonitorModel)model.Current).RecentLogs.Select(l => l.Text).Should().Equal("one", "two");
    }
}
