using ServiceManager.Text;
using ServiceManager.Tui.Rendering;
using ServiceManager.Tui.State;

namespace ServiceManager.Tui.Screens;

/// <summary>The instance table: counts, a filter by name or tag, a selection, and the keys that act on it.</summary>
public sealed class DashboardModel(FleetState fleet) : IScreen
{
    private int _scroll;

    public string Title => "Dashboard";

    public string Keys => PendingRemoval is not null
        ? $"y remove {PendingRemoval} (stop it and forget it)|any other key keeps it"
        : "⏎ detail|s start/stop|r restart|d remove|l logs|m monitor|/ filter|? help|q quit";

    public bool EditingText { get; private set; }

    public string Filter { get; private set; } = "";

    public string? SelectedId { get; private set; }

    /// <summary>The instance whose removal waits for a "y".</summary>
    public string? PendingRemoval { get; private set; }

    public IReadOnlyList<InstanceRow> VisibleRows => [.. fleet.Rows.Where(r => r.Matches(Filter))];

    public InstanceRow? Selected
    {
        get
        {
            var rows = VisibleRows;
            if (rows.Count == 0) return null;
            return rows.FirstOrDefault(r => r.Id == SelectedId) ?? rows[0];
        }
    }

    public IReadOnlyList<TopCommand> HandleKey(KeyInput key, TopModel top)
    {
        if (EditingText) return EditFilter(key);
        if (PendingRemoval is { } removing)
        {
            PendingRemoval = null;
            return key.Is('y') || key.Is('Y') ? [new TopCommand.Remove(removing)] : [];
        }

        switch (key.Special)
        {
            case SpecialKey.Up: Move(-1); return [];
            case SpecialKey.Down: Move(1); return [];
            case SpecialKey.PageUp: Move(-10); return [];
            case SpecialKey.PageDown: Move(10); return [];
            case SpecialKey.Home: Move(int.MinValue / 2); return [];
            case SpecialKey.End: Move(int.MaxValue / 2); return [];
            case SpecialKey.Escape: Filter = ""; return [];
            case SpecialKey.Enter when Selected is { } row:
                top.Push(new DetailModel(row.Id, fleet));
                return [new TopCommand.LoadDetail(row.Id)];
        }

        var selected = Selected;
        switch (key.Char)
        {
            case 'k': Move(-1); return [];
            case 'j': Move(1); return [];
            case 'g': Move(int.MinValue / 2); return [];
            case 'G': Move(int.MaxValue / 2); return [];
            case '/':
                EditingText = true;
                return [];
            case 'm':
                var names = Filter.Length == 0 ? [] : VisibleRows.Select(r => r.Id).ToList();
                top.Push(new MonitorModel(fleet, names));
                return [new TopCommand.FollowLogs(names, Backlog: 100)];
            case 'L':
                var all = VisibleRows.Select(r => r.Id).ToList();
                if (all.Count == 0) return [];
                top.Push(new LogViewModel(all));
                return [new TopCommand.FollowLogs(Filter.Length == 0 ? [] : all)];
        }

        if (selected is null) return [];
        switch (key.Char)
        {
            case 's':
                return selected.Summary.State is "running" or "starting" or "restarting"
                    ? [new TopCommand.Stop(selected.Id)]
                    : [new TopCommand.Start(selected.Id)];
            case 'r':
                return [new TopCommand.Restart(selected.Id)];
            case 'd':
                PendingRemoval = selected.Id;
                return [];
            case 'l':
                top.Push(new LogViewModel([selected.Id]));
                return [new TopCommand.FollowLogs([selected.Id])];
        }
        return [];
    }

    private IReadOnlyList<TopCommand> EditFilter(KeyInput key)
    {
        switch (key.Special)
        {
            case SpecialKey.Enter: EditingText = false; break;
            case SpecialKey.Escape: EditingText = false; Filter = ""; break;
            case SpecialKey.Backspace: if (Filter.Length > 0) Filter = Filter[..^1]; break;
            case SpecialKey.None when !char.IsControl(key.Char): Filter += key.Char; break;
        }
        return [];
    }

    private void Move(int delta)
    {
        var rows = VisibleRows;
        if (rows.Count == 0) return;
        var index = Math.Max(0, rows.ToList().FindIndex(r => r.Id == Selected?.Id));
        SelectedId = rows[(int)Math.Clamp((long)index + delta, 0, rows.Count - 1)].Id;
    }

    public IReadOnlyList<Line> Render(int width, int height, DateTimeOffset now)
    {
        var lines = new List<Line>();
        var counts = fleet.Counts();
        var header = new LineBuilder(width).Add(" ").Add(counts.ToString(), Style.Header);
        if (fleet.System is { } system)
            // The machine's figures, kept short: with two-digit counts the whole line still fits 80 columns.
            header.Add($"   cpu {HumanText.Percent(system.CpuPercent)} · mem {HumanText.Bytes(system.MemoryUsedBytes)}/{HumanText.Bytes(system.MemoryTotalBytes)}", Style.Dim);
        lines.Add(header.Build());
        lines.Add(EditingText || Filter.Length > 0
            ? new LineBuilder(width).Add(" / ", Style.Key).Add(Filter + (EditingText ? "▏" : ""), Style.Match)
                .Add(EditingText ? "   (⏎ keep, esc clear)" : "", Style.Dim).Build()
            : Line.Empty);

        var columns = DashboardColumns.For(width);
        lines.Add(columns.Header(width));

        var rows = VisibleRows;
        var room = Math.Max(1, height - lines.Count);
        var selected = Selected;
        var index = selected is null ? 0 : rows.ToList().FindIndex(r => r.Id == selected.Id);
        if (index < _scroll) _scroll = index;
        if (index >= _scroll + room) _scroll = index - room + 1;
        _scroll = Math.Clamp(_scroll, 0, Math.Max(0, rows.Count - room));

        if (rows.Count == 0)
        {
            var why = !fleet.Loaded ? "waiting for the daemon…"
                : fleet.Rows.Count == 0 ? "no instances (svcmgr create / svcmgr start -- CMD)"
                : "no instance matches the filter";
            lines.Add(Line.Of("   " + why, Style.Dim));
        }
        string? group = null;
        foreach (var row in rows.Skip(_scroll).Take(room))
        {
            if (row.Summary.Group is { } g && g != group && lines.Count < height - 1)
                lines.Add(DashboardColumns.GroupHeader(g, [.. fleet.Rows.Where(r => r.Summary.Group == g)], width));
            group = row.Summary.Group;
            if (lines.Count >= height) break;
            lines.Add(columns.Row(row, row.Id == selected?.Id, width, now));
        }
        return lines;
    }
}
