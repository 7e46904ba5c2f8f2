namespace ServiceManager.Tui.Rendering;

/// <summary>Builds a row from spans, keeping track of the columns used so that cells line up and nothing overflows.</summary>
public sealed class LineBuilder(int width)
{
    private readonly List<Span> _spans = [];

    public int Used { get; private set; }

    public int Left => Math.Max(0, width - Used);

    public LineBuilder Add(string text, Style style = Style.Normal)
    {
        var fitted = TextFit.Cut(text, Left);
        if (fitted.Length == 0) return this;
        _spans.Add(new Span(fitted, style));
        Used += fitted.Length;
        return this;
    }

    /// <summary>A cell of exactly <paramref name="cellWidth"/> columns (cut with an ellipsis, or padded), then a space.</summary>
    public LineBuilder Cell(string text, int cellWidth, Style style = Style.Normal, bool alignRight = false)
    {
        var cell = alignRight ? TextFit.PadLeft(text, cellWidth) : TextFit.Pad(text, cellWidth);
        return Add(cell + " ", style);
    }

    /// <summary>Pads the row to the full width in <paramref name="fill"/> (a selected row is highlighted edge to edge).</summary>
    public Line Build(Style? fill = null)
    {
        if (fill is { } style && Left > 0) Add(new string(' ', Left), style);
        return new Line([.. _spans]);
    }
}
