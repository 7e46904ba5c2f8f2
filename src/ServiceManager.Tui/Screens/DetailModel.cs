using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;
using ServiceManager.Text;
using ServiceManager.Tui.Rendering;
using ServiceManager.Tui.State;

namespace ServiceManager.Tui.Screens;

/// <summary>
/// One instance in full: how it runs, the last exit, recent transitions, CPU and memory sparklines over the daemon's
/// five minutes of history (extended live by metrics events) and its environment, values masked until <c>e</c>.
/// </summary>
public sealed class DetailModel(string name, FleetState fleet) : IScreen
{
    private const int HistoryCapacity = 150;
    private const string Mask = "••••••";
    private readonly List<MetricsHistoryPoint> _history = [];

    public string Name => name;

    public string Title => $"Detail: {name}";

    public string Keys => $"e {(ShowEnv ? "hide" : "show")} env values|s start/stop|r restart|l logs|q back|? help";

    public bool EditingText => false;

    public InstanceDetail? Detail { get; private set; }

    public IReadOnlyDictionary<string, string> Env { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<MetricsHistoryPoint> History => _history;

    public bool ShowEnv { get; private set; }

    public string? Error { get; private set; }

    public void Load(InstanceDetail detail, InspectResult inspect)
    {
        Detail = detail;
        Env = inspect.Env;
        _history.Clear();
        _history.AddRange(inspect.History.TakeLast(HistoryCapacity));
        Error = null;
    }

    public void Failed(string error) => Error = error;

    /// <summary>A metrics cycle: the instance's point extends the history the daemon sent.</summary>
    public void OnMetrics(EventNotification e)
    {
        if (e.Type != EventTypes.MetricsUpdated) return;
        var point = e.Instances?.FirstOrDefault(p => p.Id == name);
        if (point is null) return;
        if (_history.Count > 0 && _history[^1].At >= e.At) return;
        _history.Add(new MetricsHistoryPoint(e.At, point.CpuPercent, point.MemoryBytes));
        if (_history.Count > HistoryCapacity) _history.RemoveAt(0);
    }

    public IReadOnlyList<TopCommand> HandleKey(KeyInput key, TopModel top)
    {
        var row = fleet.Find(name);
        switch (key.Char)
        {
            case 'e':
                ShowEnv = !ShowEnv;
                return [];
            case 'r':
                return [new TopCommand.Restart(name)];
            case 's':
                return row?.Summary.State is "running" or "starting" or "restarting"
                    ? [new TopCommand.Stop(name)]
                    : [new TopCommand.Start(name)];
            case 'l':
                top.Push(new LogViewModel([name]));
                return [new TopCommand.FollowLogs([name])];
        }
        return [];
    }

    public IReadOnlyList<Line> Render(int width, int height, DateTimeOffset now)
    {
        var lines = new List<Line>();
        if (Error is not null) lines.Add(Line.Of(" " + Error, Style.Bad));
        var d = Detail;
        if (d is null)
        {
            lines.Add(Line.Of(" loading…", Style.Dim));
            return lines;
        }

        // The fleet row is the freshest (events); the detail adds what only status knows.
        var row = fleet.Find(name);
        var s = row?.Summary ?? d;
        lines.Add(new LineBuilder(width).Add(" ")
            .Add($"{StateStyles.Dot(s.State)} {StateStyles.Label(s.State)}", StateStyles.Of(s.State))
            .Add($"   health: ").Add(s.Health, StateStyles.OfHealth(s.Health))
            .Add($"   #{d.NumericId}{(d.Template is { } t ? $" · template {t}" : "")}", Style.Dim).Build());
        lines.Add(Fields(width,
            ("PID", HumanText.Number(s.Pid)), ("Port", HumanText.Number(s.Port)),
            ("Uptime", HumanText.Duration(row?.Uptime(now))), ("Restarts", HumanText.Number(s.Restarts))));
        lines.Add(Fields(width, ("Command", HumanText.Command(d.Command))));
        lines.Add(Fields(width, ("CWD", d.WorkingDirectory), ("Policy", d.RestartPolicy), ("Autostart", d.AutoStart ? "yes" : "no")));
        lines.Add(Fields(width, ("Last exit", LastExit(d.LastExit)), ("Tags", d.Tags.Count == 0 ? HumanText.None : string.Join(',', d.Tags))));
        if (d.LastError is { } error) lines.Add(new LineBuilder(width).Add(" Error: ", Style.Header).Add(error, Style.Bad).Build());
        if (d.WaitingFor is { Count: > 0 } waiting) lines.Add(Fields(width, ("Waiting for", string.Join(", ", waiting))));
        if (d.Schedule is { } schedule)
            lines.Add(Fields(width, ("Schedule", schedule), ("Next run", s.NextRun is { } next ? HumanText.ClockTime(next) : HumanText.None)));
        if (d.CronRestart is { } cron)
            lines.Add(Fields(width, ("Cron restart", cron), ("Next", s.NextRestart is { } restart ? HumanText.ClockTime(restart) : HumanText.None)));

        lines.Add(Section("Resources (last 5 min)", width));
        var chart = Math.Max(10, width - 22);
        lines.Add(new LineBuilder(width).Add(" CPU ", Style.Header)
            .Add(Charts.Sparkline([.. _history.Select(p => p.CpuPercent)], chart), Style.Good)
            .Add(" " + HumanText.Percent(s.CpuPercent)).Build());
        lines.Add(new LineBuilder(width).Add(" MEM ", Style.Header)
            .Add(Charts.Sparkline([.. _history.Select(p => (double?)p.MemoryBytes)], chart), Style.Busy)
            .Add(" " + HumanText.Bytes(s.MemoryBytes)).Build());

        var rest = height - lines.Count;
        var envRows = Math.Min(Env.Count, Math.Max(1, (rest - 2) / 2));
        var transitionRows = Math.Max(1, rest - 2 - envRows);

        lines.Add(Section("Recent transitions", width));
        if (d.Transitions.Count == 0) lines.Add(Line.Of("  none yet", Style.Dim));
        foreach (var tr in d.Transitions.TakeLast(transitionRows).Reverse())
        {
            lines.Add(new LineBuilder(width).Add("  " + HumanText.ClockTime(tr.At) + "  ", Style.Dim)
                .Add(tr.From, StateStyles.Of(tr.From)).Add(" → ").Add(tr.To, StateStyles.Of(tr.To))
                .Add("  " + tr.Reason, Style.Dim).Build());
        }

        lines.Add(Section($"Environment ({Env.Count}; e: {(ShowEnv ? "hide" : "show")} values)", width));
        foreach (var (key, value) in Env.Take(Math.Max(0, height - lines.Count)))
            lines.Add(new LineBuilder(width).Add("  " + key, Style.Header).Add("=").Add(ShowEnv ? TextFit.Printable(value) : Mask, ShowEnv ? Style.Normal : Style.Dim).Build());
        return lines;
    }

    private static Line Fields(int width, params (string Label, string Value)[] fields)
    {
        var builder = new LineBuilder(width).Add(" ");
        foreach (var (label, value) in fields) builder.Add(label + ": ", Style.Header).Add(value).Add("   ");
        return builder.Build();
    }

    private static Line Section(string title, int width) => Rule(title, width);

    internal static Line Rule(string title, int width)
    {
        var text = $"─ {title} " + new string('─', Math.Max(0, width));
        return Line.Of(width <= 0 ? "" : text[..Math.Min(text.Length, width)], Style.Header);
    }

    private static string LastExit(LastExitInfo? exit) =>
        exit is null ? "never" : $"{HumanText.Exit(exit.Code, exit.Signal)} at {HumanText.ClockTime(exit.At)}";
}
