using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;
using ServiceManager.Text;
using ServiceManager.Tui.Rendering;
using ServiceManager.Tui.State;

namespace ServiceManager.Tui.Screens;

/// <summary>
/// The whole UI as state: the fleet, the connection, a stack of screens (the dashboard at the bottom) and a footer
/// message. The session feeds it daemon messages and keys; the terminal layer draws what <see cref="Render"/> returns.
/// </summary>
public sealed class TopModel
{
    public const string Unreachable = "daemon not reachable — retrying";
    private static readonly TimeSpan MessageLifetime = TimeSpan.FromSeconds(6);

    private readonly Stack<IScreen> _screens = new();

    public TopModel()
    {
        Dashboard = new DashboardModel(Fleet);
        _screens.Push(Dashboard);
    }

    public FleetState Fleet { get; } = new();

    public DashboardModel Dashboard { get; }

    public IScreen Current => _screens.Peek();

    /// <summary>Null while connected; otherwise why not (shown in the title bar).</summary>
    public string? ConnectionProblem { get; private set; } = "connecting…";

    public bool Connected => ConnectionProblem is null;

    public string? Message { get; private set; }

    public Style MessageStyle { get; private set; }

    private DateTimeOffset _messageAt;

    public void Push(IScreen screen) => _screens.Push(screen);

    /// <summary>Leaves the current screen; returns the commands its leaving needs (stop following logs).</summary>
    public IReadOnlyList<TopCommand> Pop()
    {
        if (_screens.Count == 1) return [];
        var left = _screens.Pop();
        return left is LogViewModel or MonitorModel && Current is not (LogViewModel or MonitorModel)
            ? [new TopCommand.StopLogs()]
            : [];
    }

    public void Say(string message, DateTimeOffset now, Style style = Style.Normal)
    {
        Message = message;
        MessageStyle = style;
        _messageAt = now;
    }

    public void ConnectionLost()
    {
        ConnectionProblem = Unreachable;
    }

    public void ConnectionRestored(IReadOnlyList<InstanceSummary> instances, DateTimeOffset now)
    {
        ConnectionProblem = null;
        Fleet.ReplaceAll(instances, now);
    }

    public IReadOnlyList<TopCommand> HandleKey(KeyInput key, DateTimeOffset now)
    {
        if (key.Special == SpecialKey.Interrupt) return [new TopCommand.Quit()];
        Message = null;
        if (!Current.EditingText)
        {
            if (key.Is('?') && Current is not HelpModel)
            {
                Push(new HelpModel());
                return [];
            }
            if (key.Is('q') || key.Special == SpecialKey.Escape)
            {
                // Escape on the dashboard clears a filter or a pending removal; only q leaves the program.
                if (Current == Dashboard) return key.Is('q') ? [new TopCommand.Quit()] : Dashboard.HandleKey(key, this);
                return Pop();
            }
        }
        return Current.HandleKey(key, this);
    }

    /// <summary>An <c>event</c> notification: applied to the fleet and to the open screens that show it.
    /// Returns what to fetch as a consequence.</summary>
    public IReadOnlyList<TopCommand> OnEvent(EventNotification e)
    {
        var commands = new List<TopCommand>();
        var refetch = Fleet.Apply(e);
        if (CrashMessage(e) is { } crash) Say(crash, e.At, Style.Bad);
        foreach (var screen in _screens)
        {
            if (screen is DetailModel detail)
            {
                if (e.Type == EventTypes.MetricsUpdated) detail.OnMetrics(e);
                else if (e.Instance == detail.Name && e.Type == EventTypes.StateChanged) commands.Add(new TopCommand.LoadDetail(detail.Name));
            }
        }
        if (refetch) commands.Add(new TopCommand.Refresh());
        return commands;
    }

    /// <summary>"api crashed (code 3): the last line it wrote to stderr", for a child that ended on its own and is
    /// being restarted or has failed; null for any other event.</summary>
    private static string? CrashMessage(EventNotification e)
    {
        if (e.Type != EventTypes.StateChanged || e.To is not ("restarting" or "failed")) return null;
        if (e.ExitCode is null && e.Signal is null) return null;
        var why = e.StderrTail is { Count: > 0 } tail ? $": {tail[^1]}" : "";
        return $"{e.Instance} crashed ({HumanText.Exit(e.ExitCode, e.Signal)}){why}";
    }

    /// <summary>The answers to <see cref="TopCommand.LoadDetail"/> for every open detail screen of the instance.</summary>
    public void OnDetail(string name, InstanceDetail detail, InspectResult inspect)
    {
        foreach (var screen in _screens.OfType<DetailModel>().Where(d => d.Name == name)) screen.Load(detail, inspect);
    }

    public void OnDetailFailed(string name, string error)
    {
        foreach (var screen in _screens.OfType<DetailModel>().Where(d => d.Name == name)) screen.Failed(error);
    }

    public void OnLogLine(LogLine line)
    {
        foreach (var screen in _screens)
        {
            if (screen is LogViewModel logs) logs.Add(line);
            else if (screen is MonitorModel monitor) monitor.Add(line);
        }
    }

    /// <summary>The backlog of a new log subscription: the screens that follow logs start from it.</summary>
    public void OnLogBacklog(IReadOnlyList<LogLine> lines)
    {
        // A backlog starts a subscription (a new screen, or the same one after a reconnection): it replaces what
        // the screens hold, so lines seen before the daemon went away are not shown twice.
        foreach (var screen in _screens)
        {
            if (screen is LogViewModel logs) logs.Reset();
            else if (screen is MonitorModel monitor) monitor.Reset();
        }
        foreach (var line in lines) OnLogLine(line);
    }

    public IReadOnlyList<Line> Render(int width, int height, DateTimeOffset now)
    {
        if (Message is not null && now - _messageAt > MessageLifetime) Message = null;
        var rows = new List<Line>(height) { TitleBar(width) };
        var body = Current.Render(width, Math.Max(0, height - 2), now);
        rows.AddRange(body.Take(Math.Max(0, height - 2)));
        while (rows.Count < height - 1) rows.Add(Line.Empty);
        if (height >= 2)
            rows.Add(Message is { } message ? Line.Bar(" " + message, width, MessageStyle) : Footer(Current.Keys, width));
        return rows;
    }

    private static Line Footer(string keys, int width)
    {
        var builder = new LineBuilder(width);
        foreach (var hint in keys.Split('|'))
        {
            if (builder.Used > 0) builder.Add(" ");
            var space = hint.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0) builder.Add(hint, Style.Dim);
            else builder.Add(hint[..space], Style.Key).Add(hint[space..], Style.Dim);
        }
        return builder.Build();
    }

    private Line TitleBar(int width)
    {
        var title = $" svcmgr top · {Current.Title}";
        var status = ConnectionProblem ?? "connected";
        var builder = new LineBuilder(width);
        var gap = Math.Max(1, width - title.Length - status.Length - 1);
        builder.Add(title, Style.Title).Add(new string(' ', gap), Style.Title);
        builder.Add(status + " ", ConnectionProblem is null ? Style.Title : Style.Warning);
        return builder.Build(Style.Title);
    }
}
