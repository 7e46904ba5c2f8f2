namespace ServiceManager.Tui.Rendering;

/// <summary>Bars and sparklines drawn with block characters.</summary>
public static class Charts
{
    private const string Levels = "▁▂▃▄▅▆▇█";

    /// <summary>A bar of <paramref name="width"/> cells filled in proportion to <paramref name="value"/>/<paramref name="max"/>.</summary>
    public static string Bar(double? value, double max, int width)
    {
        if (width <= 0) return "";
        var share = value is { } v && max > 0 ? Math.Clamp(v / max, 0, 1) : 0;
        var filled = (int)Math.Round(share * width);
        if (filled == 0 && share > 0) filled = 1;
        return new string('█', filled) + new string('░', width - filled);
    }

    /// <summary>The last <paramref name="width"/> values as one row of eighth-blocks scaled to the largest of them;
    /// gaps (null: no sample) are blank.</summary>
    public static string Sparkline(IReadOnlyList<double?> values, int width)
    {
        if (width <= 0) return "";
        var shown = values.Skip(Math.Max(0, values.Count - width)).ToList();
        var max = shown.Where(v => v.HasValue).Select(v => v!.Value).DefaultIfEmpty(0).Max();
        var chars = shown.Select(v => v switch
        {
            null => ' ',
            _ when max <= 0 => Levels[0],
            { } x => Levels[(int)Math.Round(Math.Clamp(x / max, 0, 1) * (Levels.Length - 1))],
        });
        return string.Concat(chars).PadRight(width);
    }
}
