namespace ServiceManager.Tui.Rendering;

/// <summary>Cutting and padding text to a number of columns (one column per char: names and logs are mostly ASCII).</summary>
public static class TextFit
{
    public const char Ellipsis = '…';

    public static string Cut(string text, int width)
    {
        if (width <= 0) return "";
        if (text.Length <= width) return text;
        return width == 1 ? Ellipsis.ToString() : string.Concat(text.AsSpan(0, width - 1), Ellipsis.ToString());
    }

    public static string Pad(string text, int width) => width <= 0 ? "" : Cut(text, width).PadRight(width);

    public static string PadLeft(string text, int width) => width <= 0 ? "" : Cut(text, width).PadLeft(width);

    /// <summary>Log text as one screen row: tabs become spaces and control characters (escape sequences) are shown, not obeyed.</summary>
    public static string Printable(string text)
    {
        if (!text.Any(c => char.IsControl(c))) return text;
        var chars = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == '\t') chars.Append("    ");
            else if (char.IsControl(c)) chars.Append('?');
            else chars.Append(c);
        }
        return chars.ToString();
    }
}
