namespace ServiceManager.Tui.Rendering;

/// <summary>One screen row as styled spans; <see cref="Text"/> is what a terminal capture of the row shows.</summary>
public sealed record Line(IReadOnlyList<Span> Spans)
{
    public static Line Empty { get; } = new([]);

    public string Text => string.Concat(Spans.Select(s => s.Text));

    public static Line Of(string text, Style style = Style.Normal) => new([new Span(text, style)]);

    /// <summary>The row cut or padded to exactly <paramref name="width"/> columns, every span in that one style.</summary>
    public static Line Bar(string text, int width, Style style) => Of(TextFit.Pad(text, width), style);

    public override string ToString() => Text;
}
