using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;
using ServiceManager.Tui.Rendering;
using ServiceManager.Tui.Screens;
using ServiceManager.Tui.State;
using static ServiceManager.Tui.Tests.Screens.Fixtures;

namespace ServiceManager.Tui.Tests.Screens;

public sealed class DashboardTests
{
    private static TopModel ThreeInstances() => Model(
        Instance("api", 1, port: 3000, tags: ["backend"]),
        Instance("worker", 2, restarts: 3, tags: ["jobs"]),
        Instance("backup", 3, state: "stopped"),
        Instance("notif", 4, state: "failed", restarts: 5));

    [Fact]
    public void The_header_counts_instances_by_state_and_the_table_shows_each_one()
    {
        var screen = ThreeInstances().Screen();

        screen.Should().Contain(l => l.Contains("4 instances · 2 online · 1 stopped · 1 failed"));
        screen.Should().Contain(l => l.Contains("NAME") && l.Contains("STATE") && l.Contains("HEALTH") && l.Contains("CPU")
            && l.Contains("MEM") && l.Contains("UPTIME") && l.Contains("PID") && l.Contains("PORT"));
        var api = screen.Single(l => l.Contains("api"));
        api.Should().StartWith("► ").And.Contain("online").And.Contain("2.5%").And.Contain("125M").And.Contain("1m05s")
            .And.Contain("1001").And.Contain("3000");
        screen.Single(l => l.Contains("backup")).Should().Contain("stopped");
    }

    [Fact]
    public void A_replica_groups_members_sit_together_under_a_line_with_its_name_and_how_many_run()
    {
        // api.2 came from a later scale: a higher numeric id than "solo", still shown with its group.
        var model = Model(
            Instance("api.0", 1) with { Group = "api" },
            Instance("api.1", 2, state: "stopped") with { Group = "api" },
            Instance("solo", 3),
            Instance("api.2", 4) with { Group = "api" });

        var screen = model.Screen().ToList();

        var header = screen.FindIndex(l => l.TrimStart().StartsWith("api ", StringComparison.Ordinal));
        header.Should().BeGreaterThan(0, string.Join("\n", screen));
        screen[header].Should().Contain("3 members, 2 running");
        screen.Skip(header + 1).Take(3).Select(l => l.TrimStart(' ', '►').Split(' ')[0])
            .Should().Equal(["api.0", "api.1", "api.2"], "the members follow their header, indented");
        screen[header + 1].Should().Contain("  api.0");
        screen.FindIndex(l => l.Contains("solo")).Should().BeGreaterThan(header + 3);
    }

    [Fact]
    public void A_job_between_runs_shows_its_next_run_where_uptime_would_be()
    {
        var next = new DateTimeOffset(2026, 1, 1, 3, 0, 0, TimeSpan.Zero);
        var model = Model(Instance("backup", 1, state: "stopped") with { Schedule = "0 3 * * *", NextRun = next });

        model.Screen().Single(l => l.Contains("backup")).Should().Contain("@" + next.ToLocalTime().ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void States_are_styled_so_that_failed_and_online_read_apart()
    {
        var model = ThreeInstances();

        model.RowContaining("notif").Spans.Should().Contain(s => s.Text.Contains("failed") && s.Style == Style.Bad);
        model.RowContaining("worker").Spans.Should().Contain(s => s.Text.Contains("online") && s.Style == Style.Good);
        model.RowContaining("api").Spans.Should().OnlyContain(s => s.Style == Style.Selected, "the selected row is highlighted whole");
    }

    [Fact]
    public void Every_row_fits_80_columns_and_24_rows()
    {
        var model = Model([.. Enumerable.Range(1, 40).Select(i => Instance($"a-rather-long-instance-name-{i}", i))]);

        var screen = model.Screen(80, 24);

        screen.Should().HaveCount(24);
        screen.Should().OnlyContain(l => l.Length <= 80);
        screen[^1].TrimEnd().Should().EndWith("q quit", "every key hint fits 80 columns");
    }

    [Fact]
    public void The_widest_figures_fit_their_columns_uncut()
    {
        var busy = Instance("busy", 1, restarts: 999, port: 65535) with
        {
            CpuPercent = 1599.96, MemoryBytes = (1L << 30) - (1L << 20), UptimeMs = 999L * 86_400_000 + 23 * 3_600_000, Pid = 4_194_304,
        };

        var row = Model(busy).Screen().Single(l => l.Contains("busy"));

        row.Should().NotContain(TextFit.Ellipsis.ToString()).And.Contain(" 1600% ").And.Contain(" 1023M ").And.Contain(" 999d23h ")
            .And.Contain(" 999 ").And.Contain(" 4194304 ").And.EndWith(" 65535 ");
    }

    [Fact]
    public void The_header_with_two_digit_counts_and_the_widest_machine_figures_fits_80_columns()
    {
        var model = Model([.. Enumerable.Range(1, 40).Select(i => Instance($"svc-{i:00}", i, state: i <= 20 ? "running" : i <= 30 ? "stopped" : "failed"))]);
        var gib = 1L << 30;
        model.OnEvent(new EventNotification("s1", EventTypes.MetricsUpdated, Now,
            System: new SystemMetricsInfo(99.94, 64, 1, 1, 1, MemoryTotalBytes: 99 * gib + gib / 2, MemoryAvailableBytes: gib, MemoryUsedBytes: 98 * gib + gib / 2, UptimeMs: 1)));

        var header = model.Screen(80, 24)[1];

        header.Should().Be(" 40 instances · 20 online · 10 stopped · 10 failed   cpu 99.9% · mem 98.5G/99.5G");
    }

    [Fact]
    public void Moving_down_past_the_screen_scrolls_the_selection_into_view()
    {
        var model = Model([.. Enumerable.Range(1, 40).Select(i => Instance($"svc-{i:00}", i))]);

        model.Press([.. Enumerable.Repeat<object>('j', 30)]);

        model.Dashboard.SelectedId.Should().Be("svc-31");
        model.Screen().Should().Contain(l => l.StartsWith("► svc-31", StringComparison.Ordinal));
        model.Press(SpecialKey.Up, 'k');
        model.Dashboard.SelectedId.Should().Be("svc-29");
    }

    [Fact]
    public void Slash_filters_by_name_or_tag_and_q_while_typing_is_text()
    {
        var model = ThreeInstances();

        var commands = model.Press('/').ToList();
        commands.AddRange(model.Type("jobs"));
        model.Press(SpecialKey.Enter);

        commands.Should().BeEmpty();
        model.Dashboard.VisibleRows.Select(r => r.Id).Should().Equal("worker");
        model.Press('/', 'q').Should().BeEmpty("q is typed into the filter, not a quit");
        model.Dashboard.VisibleRows.Should().BeEmpty();
        model.Screen().Should().Contain(l => l.Contains("no instance matches the filter"));
        model.Press(SpecialKey.Escape);
        model.Dashboard.VisibleRows.Should().HaveCount(4);
    }

    [Fact]
    public void S_stops_a_running_instance_and_starts_a_stopped_one_and_r_restarts()
    {
        var model = ThreeInstances();

        model.Press('s').Should().Equal(new TopCommand.Stop("api"));
        model.Press('r').Should().Equal(new TopCommand.Restart("api"));
        model.Press('j', 'j', 's').Should().Equal(new TopCommand.Start("backup"));
    }

    [Fact]
    public void D_asks_for_confirmation_before_removing()
    {
        var model = ThreeInstances();

        model.Press('d').Should().BeEmpty();
        model.Screen()[^1].Should().Contain("y remove api");
        model.Press('n').Should().BeEmpty();
        model.Dashboard.PendingRemoval.Should().BeNull();

        model.Press('d', 'y').Should().Equal(new TopCommand.Remove("api"));
    }

    [Fact]
    public void Enter_opens_the_detail_and_l_m_open_logs_and_the_monitor()
    {
        var model = ThreeInstances();

        model.Press(SpecialKey.Enter).Should().Equal(new TopCommand.LoadDetail("api"));
        model.Current.Should().BeOfType<DetailModel>();
        model.Press(SpecialKey.Escape);

        model.Press('l').Should().ContainSingle().Which.Should().BeOfType<TopCommand.FollowLogs>()
            .Which.Names.Should().Equal("api");
        model.Current.Should().BeOfType<LogViewModel>();
        model.Press('q').Should().Equal(new TopCommand.StopLogs());

        model.Press('m').Should().ContainSingle().Which.Should().BeOfType<TopCommand.FollowLogs>();
        model.Current.Should().BeOfType<MonitorModel>();
    }

    [Fact]
    public void Q_on_the_dashboard_and_ctrl_c_anywhere_quit()
    {
        var model = ThreeInstances();

        model.Press('q').Should().Equal(new TopCommand.Quit());
        model.Press(SpecialKey.Enter, SpecialKey.Interrupt).Should().EndWith(new TopCommand.Quit());
    }

    [Fact]
    public void Question_mark_shows_the_key_map()
    {
        var model = ThreeInstances();

        model.Press('?');

        model.Screen().Should().Contain(l => l.Contains("remove it (asks: y to confirm)"));
    }
}
