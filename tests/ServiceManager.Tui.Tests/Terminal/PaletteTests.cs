using ServiceManager.Tui.Rendering;
using ServiceManager.Tui.Terminal;
using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace ServiceManager.Tui.Tests.Terminal;

public sealed class PaletteTests
{
    private static readonly Attribute Normal = new(new Color(ColorName16.White), new Color(ColorName16.Black), TextStyle.None);

    [Fact]
    public void With_NO_COLOR_every_style_keeps_the_terminals_colours_and_stands_out_by_reverse_or_bold_only()
    {
        var palette = new Palette(Normal, noColor: true);

        foreach (var style in Enum.GetValues<Style>())
        {
            var attribute = palette.For(style);
            attribute.Foreground.Should().Be(Normal.Foreground, $"{style} has no colour of its own");
            attribute.Background.Should().Be(Normal.Background, $"{style} has no colour of its own");
        }
        palette.For(Style.Selected).Style.Should().HaveFlag(TextStyle.Reverse);
        palette.For(Style.Stderr).Style.Should().HaveFlag(TextStyle.Bold);
    }

    [Fact]
    public void With_colour_failed_and_online_states_differ()
    {
        var palette = new Palette(Normal, noColor: false);

        palette.For(Style.Bad).Foreground.Should().NotBe(palette.For(Style.Good).Foreground);
        palette.For(Style.Stderr).Foreground.Should().NotBe(palette.For(Style.Normal).Foreground);
    }
}
