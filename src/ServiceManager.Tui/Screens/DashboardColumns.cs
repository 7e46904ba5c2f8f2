using ServiceManager.Text;
using ServiceManager.Tui.Rendering;
using ServiceManager.Tui.State;

namespace ServiceManager.Tui.Screens;

/// <summary>The dashboard's columns: fixed widths for the figures, the rest for the name (at least 10 at 80 columns).</summary>
internal sealed record DashboardColumns(int Name)
{
    private const int State = 10, Health = 9, Cpu = 6, Mem = 6, Uptime = 7, Restarts = 4, Pid = 7, Port = 5;
    private const int Fixed = 2 + State + Health + Cpu + Mem + Uptime + Restarts + Pid + Port + 9;

    public static DashboardColumns For(int width) => new(Math.Max(8, width - Fixed));

    public Line Header(int width) =>
        new LineBuilder(width).Add("  ")
            .Cell("NAME", Name, Style.Header).Cell("STATE", State, Style.Header).Cell("HEALTH", Health, Style.Header)
            .Cell("CPU", Cpu, Style.Header, alignRight: true).Cell("MEM", Mem, Style.Header, alignRight: true)
            .Cell("UPTIME", Uptime, Style.Header, alignRight: true).Cell("↺", Restarts, Style.Header, alignRight: true)
            .Cell("PID", Pid, Style.Header, alignRight: true).Cell("PORT", Port, Style.Header, alignRight: true)
            .Build();

    /// <summary>The line above a replica group's members: its name and how many of them run.</summary>
    public static Line GroupHeader(string group, IReadOnlyList<InstanceRow> members, int width) =>
        new LineBuilder(width).Add("  ")
            .Add(group, Style.Header)
            .Add($"  {HumanText.Number(members.Count)} member{(members.Count == 1 ? "" : "s")}, {HumanText.Number(members.Count(m => m.IsRunning))} running", Style.Dim)
            .Build();

    /// <summary>A job between runs shows when it runs next ("@03:00", local time) where others show their uptime.</summary>
    private static string UptimeOrNextRun(InstanceRow row, DateTimeOffset now) =>
        !row.IsRunning && row.Summary.NextRun is { } next
            ? "@" + HumanText.ClockMinute(next)
            : HumanText.Duration(row.Uptime(now));

    public Line Row(InstanceRow row, bool selected, int width, DateTimeOffset now)
    {
        var s = row.Summary;
        Style Or(Style style) => selected ? Style.Selected : style;
        return new LineBuilder(width)
            .Add(selected ? "► " : "  ", Or(Style.Normal))
            // A replica group's members sit indented under its header line (GroupHeader).
            .Cell(s.Group is null ? s.Id : "  " + s.Id, Name, Or(Style.Normal))
            .Cell(StateStyles.Label(s.State), State, Or(StateStyles.Of(s.State)))
            .Cell(s.Health, Health, Or(StateStyles.OfHealth(s.Health)))
            .Cell(HumanText.Percent(s.CpuPercent), Cpu, Or(Style.Normal), alignRight: true)
            .Cell(HumanText.Bytes(s.MemoryBytes), Mem, Or(Style.Normal), alignRight: true)
            .Cell(UptimeOrNextRun(row, now), Uptime, Or(Style.Normal), alignRight: true)
            .Cell(HumanText.Number(s.Restarts), Restarts, Or(Style.Normal), alignRight: true)
            .Cell(HumanText.Number(s.Pid), Pid, Or(Style.Normal), alignRight: true)
            .Cell(HumanText.Number(s.Port), Port, Or(Style.Normal), alignRight: true)
            .Build(selected ? Style.Selected : null);
    }
}
