using ServiceManager.Protocol.Messages;
using ServiceManager.Text;
using ServiceManager.Tui.Rendering;
using ServiceManager.Tui.State;

namespace ServiceManager.Tui.Screens;

/// <summary>
/// The <c>pm2 monit</c>-like view: a tile per instance with state, CPU and memory bars, pid and uptime, above a
/// pane of the most recent log lines of all of them, merged with prefixes.
/// </summary>
public sealed class MonitorModel(FleetState fleet, IReadOnlyList<string> names) : IScreen
{
    public const int TileWidth = 25;
    private const int TileHeight = 6;
    private readonly LogBuffer _logs = new(500);
    private int _firstTileRow;

    public string Title => "Monitor";

    public string Keys => "↑↓/jk scroll tiles|q back|? help";

    public bool EditingText => false;

    public IReadOnlyList<InstanceRow> Instances =>
        [.. fleet.Rows.Where(r => names.Count == 0 || names.Contains(r.Id))];

    public IEnumerable<LogLine> RecentLogs => _logs.Lines.Select(l => l.Line);

    public void Add(LogLine line)
    {
        if (names.Count > 0 && !names.Contains(line.Instance)) return;
        _logs.Add(line);
    }

    public void Reset() => _logs.Clear();

    public IReadOnlyList<TopCommand> HandleKey(KeyInput key, TopModel top)
    {
        if (key.Special == SpecialKey.Up || key.Is('k')) _firstTileRow = Math.Max(0, _firstTileRow - 1);
        if (key.Special == SpecialKey.Down || key.Is('j')) _firstTileRow++;
        return [];
    }

    public IReadOnlyList<Line> Render(int width, int height, DateTimeOffset now)
    {
        var instances = Instances;
        var perRow = Math.Max(1, width / TileWidth);
        var tileRows = (instances.Count + perRow - 1) / perRow;
        // Tiles get at most about half the screen; the log pane keeps at least 5 rows.
        var rowsFit = Math.Max(1, Math.Min(tileRows, (height - 5) / TileHeight));
        _firstTileRow = Math.Clamp(_firstTileRow, 0, Math.Max(0, tileRows - rowsFit));
        var maxMemory = Math.Max(1, instances.Select(r => r.Summary.MemoryBytes ?? 0).DefaultIfEmpty(0).Max());

        var lines = new List<Line>();
        if (instances.Count == 0) lines.Add(Line.Of("  no instances", Style.Dim));
        for (var tileRow = _firstTileRow; tileRow < Math.Min(tileRows, _firstTileRow + rowsFit); tileRow++)
        {
            var tiles = instances.Skip(tileRow * perRow).Take(perRow).Select(r => Tile(r, maxMemory, now)).ToList();
            for (var i = 0; i < TileHeight; i++)
            {
                var spans = new List<Span>();
                foreach (var tile in tiles) spans.AddRange(tile[i].Spans);
                lines.Add(new Line(spans));
            }
        }
        var hidden = tileRows - rowsFit;
        if (hidden > 0) lines.Add(Line.Of($"  {instances.Count - Math.Min(instances.Count, rowsFit * perRow)} more (↑↓ to scroll)", Style.Dim));

        lines.Add(DetailModel.Rule("Recent logs", width));
        var room = Math.Max(0, height - lines.Count);
        var prefixWidth = Math.Min(16, instances.Select(r => r.Id.Length).DefaultIfEmpty(4).Max() + 2);
        foreach (var entry in _logs.Lines.TakeLast(room))
        {
            var l = entry.Line;
            var err = l.Stream == "stderr";
            lines.Add(new LineBuilder(width).Add(TextFit.Pad($"[{l.Instance}]", prefixWidth) + " ", Style.Header)
                .Add(TextFit.Printable(l.Text), err ? Style.Stderr : Style.Normal).Build());
        }
        return lines;
    }

    private static List<Line> Tile(InstanceRow row, long maxMemory, DateTimeOffset now)
    {
        const int inner = TileWidth - 5;
        var s = row.Summary;
        Line Framed(params Span[] content)
        {
            var used = content.Sum(c => c.Text.Length);
            return new Line([new Span("│ ", Style.Dim), .. content, new Span(new string(' ', Math.Max(0, inner - used)) + " │ ", Style.Dim)]);
        }
        var title = TextFit.Cut(s.Id, inner - 2);
        var cpuBar = Charts.Bar(s.CpuPercent, 100, 8);
        var memBar = Charts.Bar(s.MemoryBytes, maxMemory, 8);
        return
        [
            Line.Of("┌─ " + title + " " + new string('─', Math.Max(0, TileWidth - 6 - title.Length)) + "┐ ", Style.Dim),
            Framed(new Span(TextFit.Pad($"{StateStyles.Dot(s.State)} {StateStyles.Label(s.State)}", inner), StateStyles.Of(s.State))),
            Framed(new Span("CPU ", Style.Header), new Span(cpuBar, Style.Good), new Span(TextFit.Cut(" " + HumanText.Percent(s.CpuPercent), inner - 12))),
            Framed(new Span("MEM ", Style.Header), new Span(memBar, Style.Busy), new Span(TextFit.Cut(" " + HumanText.Bytes(s.MemoryBytes), inner - 12))),
            Framed(new Span(TextFit.Pad($"PID {HumanText.Number(s.Pid)} up {HumanText.Duration(row.Uptime(now))}", inner))),
            Line.Of("└" + new string('─', TileWidth - 3) + "┘ ", Style.Dim),
        ];
    }
}
