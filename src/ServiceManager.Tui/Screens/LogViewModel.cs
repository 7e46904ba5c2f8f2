using ServiceManager.Protocol.Messages;
using ServiceManager.Text;
using ServiceManager.Tui.Rendering;
using ServiceManager.Tui.State;

namespace ServiceManager.Tui.Screens;

/// <summary>
/// The log viewer: follows one or several instances (merged, each line prefixed with its instance), stdout and
/// stderr styled apart. Paused, the view stays on the line it shows while new lines arrive below; scrolling, a
/// search match or <c>f</c> pause it, <c>f</c> or End follow again.
/// </summary>
public sealed class LogViewModel(IReadOnlyList<string> names) : IScreen
{
    public const int Capacity = 5000;
    private readonly LogBuffer _buffer = new(Capacity);
    private bool _editingSearch;

    public IReadOnlyList<string> Names => names;

    public string Title => $"Logs: {string.Join(", ", names)}";

    public string Keys => _editingSearch
        ? "type to search|⏎ find|esc cancel"
        : $"f {(Following ? "pause" : "follow")}|/ search|n/N next/prev|t stream|c clear|↑↓ PgUp PgDn scroll|q back";

    public bool EditingText => _editingSearch;

    public bool Following { get; private set; } = true;

    public StreamFilter Stream { get; private set; } = StreamFilter.Both;

    public string Search { get; private set; } = "";

    /// <summary>When paused, the last line on screen (by sequence number).</summary>
    public long? Anchor { get; private set; }

    /// <summary>The sequence number of the line the last search step landed on.</summary>
    public long? CurrentMatch { get; private set; }

    public int BufferedLines => _buffer.Count;

    private int _pageSize = 10;

    public void Add(LogLine line)
    {
        if (names.Count > 0 && !names.Contains(line.Instance)) return;
        _buffer.Add(line);
    }

    /// <summary>Drops the lines held; the view keeps following or stays paused at the start of what comes next.</summary>
    public void Reset()
    {
        _buffer.Clear();
        CurrentMatch = null;
        if (!Following) Anchor = -1;
    }

    public IReadOnlyList<NumberedLine> Visible => [.. _buffer.Lines.Where(Shown)];

    private bool Shown(NumberedLine l) => Stream switch
    {
        StreamFilter.Stdout => l.Line.Stream == "stdout",
        StreamFilter.Stderr => l.Line.Stream == "stderr",
        _ => true,
    };

    public IReadOnlyList<TopCommand> HandleKey(KeyInput key, TopModel top)
    {
        if (_editingSearch)
        {
            switch (key.Special)
            {
                case SpecialKey.Enter:
                    _editingSearch = false;
                    CurrentMatch = null;
                    StepMatch(older: true);
                    break;
                case SpecialKey.Escape: _editingSearch = false; Search = ""; break;
                case SpecialKey.Backspace: if (Search.Length > 0) Search = Search[..^1]; break;
                case SpecialKey.None when !char.IsControl(key.Char): Search += key.Char; break;
            }
            return [];
        }

        switch (key.Special)
        {
            case SpecialKey.Up: Scroll(-1); return [];
            case SpecialKey.Down: Scroll(1); return [];
            case SpecialKey.PageUp: Scroll(-_pageSize); return [];
            case SpecialKey.PageDown: Scroll(_pageSize); return [];
            case SpecialKey.Home: Scroll(int.MinValue / 2); return [];
            case SpecialKey.End: Follow(); return [];
        }

        switch (key.Char)
        {
            case 'f':
                if (Following) Pause();
                else Follow();
                break;
            case 'k': Scroll(-1); break;
            case 'j': Scroll(1); break;
            case 'G': Follow(); break;
            case '/':
                _editingSearch = true;
                Search = "";
                break;
            case 'n': StepMatch(older: true); break;
            case 'N': StepMatch(older: false); break;
            case 't':
                Stream = Stream switch { StreamFilter.Both => StreamFilter.Stdout, StreamFilter.Stdout => StreamFilter.Stderr, _ => StreamFilter.Both };
                if (!Following)
                {
                    var visible = Visible;
                    Anchor = visible.Count == 0 ? null : visible[IndexAtOrBefore(visible, Anchor ?? long.MaxValue)].Seq;
                }
                break;
            case 'c':
                _buffer.Clear();
                CurrentMatch = null;
                Follow();
                break;
        }
        return [];
    }

    private void Pause()
    {
        Following = false;
        Anchor = Visible.Count > 0 ? Visible[^1].Seq : null;
    }

    private void Follow()
    {
        Following = true;
        Anchor = null;
    }

    private void Scroll(int delta)
    {
        var visible = Visible;
        if (visible.Count == 0) return;
        var index = Anchor is { } anchor ? IndexAtOrBefore(visible, anchor) : visible.Count - 1;
        // The anchor is the bottom row: it cannot rise above the first page.
        var target = (int)Math.Clamp((long)index + delta, Math.Min(visible.Count - 1, _pageSize - 1), visible.Count - 1);
        if (target >= visible.Count - 1 && delta > 0)
        {
            Follow();
            return;
        }
        Following = false;
        Anchor = visible[target].Seq;
    }

    private void StepMatch(bool older)
    {
        if (Search.Length == 0) return;
        var visible = Visible;
        var from = CurrentMatch ?? (older ? long.MaxValue : long.MinValue);
        var candidates = visible.Where(l => l.Line.Text.Contains(Search, StringComparison.OrdinalIgnoreCase));
        NumberedLine? match = older
            ? candidates.Where(l => l.Seq < from).Select(l => (NumberedLine?)l).LastOrDefault()
            : candidates.Where(l => l.Seq > from).Select(l => (NumberedLine?)l).FirstOrDefault();
        if (match is not { } found) return;
        CurrentMatch = found.Seq;
        Following = false;
        // Show the match with a few lines after it, when there are some.
        var index = IndexAtOrBefore(visible, found.Seq);
        Anchor = visible[Math.Min(visible.Count - 1, index + Math.Min(3, _pageSize / 2))].Seq;
    }

    private static int IndexAtOrBefore(IReadOnlyList<NumberedLine> visible, long seq)
    {
        for (var i = visible.Count - 1; i >= 0; i--)
            if (visible[i].Seq <= seq) return i;
        return 0;
    }

    public int MatchCount => Search.Length == 0 ? 0 : Visible.Count(l => l.Line.Text.Contains(Search, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<Line> Render(int width, int height, DateTimeOffset now)
    {
        _pageSize = Math.Max(1, height - 1);
        var lines = new List<Line>(height);
        var visible = Visible;
        var bottom = Anchor is { } anchor && !Following ? IndexAtOrBefore(visible, anchor) : visible.Count - 1;
        var shown = visible.Take(bottom + 1).TakeLast(_pageSize).ToList();
        var prefix = names.Count != 1;
        var prefixWidth = prefix && visible.Count > 0 ? Math.Min(16, visible.Max(l => l.Line.Instance.Length) + 2) : 0;
        if (shown.Count == 0) lines.Add(Line.Of(_buffer.Count == 0 ? "  (no output yet)" : "  (nothing on this stream)", Style.Dim));
        foreach (var entry in shown) lines.Add(Row(entry, width, prefixWidth));
        while (lines.Count < _pageSize) lines.Add(Line.Empty);
        lines.Add(StatusRow(width, visible.Count - 1 - bottom));
        return lines;
    }

    private Line Row(NumberedLine entry, int width, int prefixWidth)
    {
        var l = entry.Line;
        var err = l.Stream == "stderr";
        var b = new LineBuilder(width);
        if (prefixWidth > 0) b.Add(TextFit.Pad($"[{l.Instance}]", prefixWidth) + " ", Style.Header);
        b.Add(HumanText.ClockTime(l.At) + " ", Style.Dim);
        b.Add(err ? "err " : "out ", err ? Style.Stderr : Style.Dim);
        var text = TextFit.Printable(l.Text);
        var style = err ? Style.Stderr : Style.Normal;
        if (entry.Seq == CurrentMatch) style = Style.Match;
        if (Search.Length > 0 && !_editingSearch && style != Style.Match)
        {
            var at = text.IndexOf(Search, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                b.Add(text[..at], style).Add(text.Substring(at, Search.Length), Style.Match).Add(text[(at + Search.Length)..], style);
                return b.Build();
            }
        }
        return b.Add(text, style).Build();
    }

    private Line StatusRow(int width, int below)
    {
        var b = new LineBuilder(width).Add(" ");
        b.Add(Following ? "● following" : $"❚❚ paused{(below > 0 ? $" ({below} newer below)" : "")}", Following ? Style.Good : Style.Busy);
        b.Add($"   {_buffer.Count} lines   stream: {Stream.ToString().ToLowerInvariant()}", Style.Dim);
        if (_editingSearch) b.Add("   search: ", Style.Key).Add(Search + "▏", Style.Match);
        else if (Search.Length > 0) b.Add($"   search \"{Search}\": {MatchCount} match{(MatchCount == 1 ? "" : "es")}", Style.Dim);
        return b.Build();
    }
}
