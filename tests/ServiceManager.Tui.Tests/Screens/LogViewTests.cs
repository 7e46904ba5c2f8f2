using ServiceManager.Tui.Rendering;
using ServiceManager.Tui.Screens;
using ServiceManager.Tui.State;
using static ServiceManager.Tui.Tests.Screens.Fixtures;

namespace ServiceManager.Tui.Tests.Screens;

public sealed class LogViewTests
{
    private static (TopModel Model, LogViewModel Logs) Opened(int lines = 30, params string[] names)
    {
        var model = Model(Instance("api", 1), Instance("web", 2));
        var logs = new LogViewModel(names.Length == 0 ? ["api"] : names);
        model.Push(logs);
        model.OnLogBacklog([.. Enumerable.Range(1, lines).Select(i => Log("api", $"line {i}", i % 5 == 0 ? "stderr" : "stdout"))]);
        return (model, logs);
    }

    [Fact]
    public void Follows_the_newest_lines_with_stderr_styled_apart()
    {
        var (model, _) = Opened();

        model.OnLogLine(Log("api", "fresh"));

        var screen = model.Screen();
        screen[^3].Should().Contain("fresh");
        screen[^2].Should().Contain("following");
        model.RowContaining("line 30").Spans.Should().Contain(s => s.Text.Contains("line 30") && s.Style == Style.Stderr);
        model.RowContaining("line 29").Spans.Should().Contain(s => s.Text.Contains("line 29") && s.Style == Style.Normal);
        model.OnLogLine(Log("web", "not followed here"));
        model.Screen().Should().NotContain(l => l.Contains("not followed here"));
    }

    [Fact]
    public void F_pauses_so_new_lines_do_not_move_the_view_and_f_again_follows()
    {
        var (model, logs) = Opened();

        model.Press('f');
        model.OnLogLine(Log("api", "arrived while paused"));

        logs.Following.Should().BeFalse();
        var screen = model.Screen();
        screen.Should().NotContain(l => l.Contains("arrived while paused"));
        screen[^2].Should().Contain("paused (1 newer below)");

        model.Press('f');
        model.Screen()[^3].Should().Contain("arrived while paused");
    }

    [Fact]
    public void Scrolling_goes_back_through_the_buffer_and_end_follows_again()
    {
        var (model, logs) = Opened(lines: 200);
        model.Screen();

        model.Press(SpecialKey.PageUp, SpecialKey.PageUp);

        logs.Following.Should().BeFalse();
        var screen = model.Screen();
        screen.Should().NotContain(l => l.Contains("line 200"));
        screen.Should().Contain(l => l.Contains("line 158"));
        model.Press(SpecialKey.Home);
        model.Screen().Should().Contain(l => l.EndsWith("line 1", StringComparison.Ordinal));
        model.Press(SpecialKey.End);
        logs.Following.Should().BeTrue();
    }

    [Fact]
    public void Search_jumps_to_matches_with_n_and_N()
    {
        var (model, logs) = Opened(lines: 200);

        model.Press('/');
        model.Type("line 1");
        model.Press(SpecialKey.Enter);

        var first = logs.CurrentMatch;
        model.RowContaining("line 199").Spans.Should().Contain(s => s.Style == Style.Match);
        model.Press('n');
        logs.CurrentMatch.Should().BeLessThan(first!.Value);
        model.RowContaining("line 198").Spans.Should().Contain(s => s.Style == Style.Match);
        model.Press('N');
        logs.CurrentMatch.Should().Be(first);
        model.Screen()[^2].Should().Contain("search \"line 1\": 111 matches");
    }

    [Fact]
    public void T_filters_by_stream_and_c_clears()
    {
        var (model, logs) = Opened();

        model.Press('t', 't');

        logs.Stream.Should().Be(StreamFilter.Stderr);
        logs.Visible.Should().OnlyContain(l => l.Line.Stream == "stderr").And.HaveCount(6);
        model.Press('c');
        logs.BufferedLines.Should().Be(0);
        model.Screen().Should().Contain(l => l.Contains("(no output yet)"));
    }

    [Fact]
    public void Several_instances_are_merged_with_prefixes()
    {
        var (model, _) = Opened(5, "api", "web");

        model.OnLogLine(Log("web", "from web"));

        model.Screen().Should().Contain(l => l.StartsWith("[web]", StringComparison.Ordinal) && l.Contains("from web"))
            .And.Contain(l => l.StartsWith("[api]", StringComparison.Ordinal));
    }

    [Fact]
    public void The_buffer_keeps_the_newest_lines_up_to_its_capacity()
    {
        var (model, logs) = Opened(lines: LogViewModel.Capacity + 10);

        logs.BufferedLines.Should().Be(LogViewModel.Capacity);
        model.Press(SpecialKey.Home);
        model.Screen().Should().Contain(l => l.EndsWith("line 11", StringComparison.Ordinal));
    }
}
