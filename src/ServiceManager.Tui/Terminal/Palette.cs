using ServiceManager.Tui.Rendering;
using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace ServiceManager.Tui.Terminal;

/// <summary>
/// Styles to terminal attributes. With <c>NO_COLOR</c> set (https://no-color.org) only text styles are used:
/// reverse video for bars and the selection, bold for headers, so the screens still read without colour.
/// </summary>
internal sealed class Palette(Attribute normal, bool noColor)
{
    public static bool NoColorRequested => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    public Attribute For(Style style)
    {
        if (noColor)
        {
            return style switch
            {
                Style.Title or Style.Selected or Style.Match => With(normal.Foreground, TextStyle.Reverse),
                Style.Header or Style.Key or Style.Bad or Style.Stderr or Style.Warning => With(normal.Foreground, TextStyle.Bold),
                _ => normal,
            };
        }
        return style switch
        {
            Style.Title => new Attribute(new Color(ColorName16.Black), new Color(ColorName16.Cyan), TextStyle.Bold),
            Style.Header => With(new Color(ColorName16.BrightCyan), TextStyle.Bold),
            Style.Selected => new Attribute(new Color(ColorName16.Black), new Color(ColorName16.BrightBlue), TextStyle.None),
            Style.Dim => With(new Color(ColorName16.DarkGray), TextStyle.None),
            Style.Good => With(new Color(ColorName16.BrightGreen), TextStyle.None),
            Style.Busy => With(new Color(ColorName16.BrightYellow), TextStyle.None),
            Style.Bad => With(new Color(ColorName16.BrightRed), TextStyle.Bold),
            Style.Stderr => With(new Color(ColorName16.BrightRed), TextStyle.None),
            Style.Match => new Attribute(new Color(ColorName16.Black), new Color(ColorName16.BrightYellow), TextStyle.None),
            Style.Key => With(new Color(ColorName16.BrightCyan), TextStyle.Bold),
            Style.Warning => new Attribute(new Color(ColorName16.White), new Color(ColorName16.Red), TextStyle.Bold),
            _ => normal,
        };
    }

    private Attribute With(Color foreground, TextStyle textStyle) => new(foreground, normal.Background, textStyle);
}
