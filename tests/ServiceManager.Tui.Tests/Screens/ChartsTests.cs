using ServiceManager.Tui.Rendering;

namespace ServiceManager.Tui.Tests.Screens;

public sealed class ChartsTests
{
    [Theory]
    [InlineData(0.0, "░░░░░░░░░░")]
    [InlineData(50.0, "█████░░░░░")]
    [InlineData(0.1, "█░░░░░░░░░")]
    [InlineData(250.0, "██████████")]
    public void Bars_fill_in_proportion(double value, string expected) =>
        Charts.Bar(value, 100, 10).Should().Be(expected);

    [Fact]
    public void Sparklines_scale_to_their_largest_value_and_keep_the_newest()
    {
        Charts.Sparkline([0, 50, 100], 3).Should().Be("▁▅█");
        Charts.Sparkline([1, null, 1], 5).Should().Be("█ █  ");
        Charts.Sparkline([.. Enumerable.Range(0, 10).Select(i => (double?)i)], 2).Should().Be("▇█");
    }

    [Fact]
    public void Control_characters_in_log_text_are_shown_not_obeyed() =>
        TextFit.Printable("\u001b[2Jgone\tx").Should().Be("?[2Jgone    x");
}
