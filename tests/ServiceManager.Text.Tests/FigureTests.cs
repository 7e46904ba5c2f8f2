namespace ServiceManager.Text.Tests;

public sealed class FigureTests
{
    [Theory]
    [InlineData(0.0, "0.0%")]
    [InlineData(0.04, "0.0%")]
    [InlineData(2.5, "2.5%")]
    [InlineData(42.0, "42.0%")]
    [InlineData(99.94, "99.9%")]
    [InlineData(99.96, "100%")]
    [InlineData(100.0, "100%")]
    [InlineData(150.26, "150%")]
    [InlineData(1600.0, "1600%")]
    public void Percentages_have_one_decimal_below_100_and_none_from_100(double value, string expected) =>
        HumanText.Percent(value).Should().Be(expected);

    [Fact]
    public void Unknown_or_not_a_number_is_a_dash()
    {
        HumanText.Percent(null).Should().Be("-");
        HumanText.Percent(double.NaN).Should().Be("-");
        HumanText.Percent(double.PositiveInfinity).Should().Be("-");
    }

    [Fact]
    public void Numbers_and_exits()
    {
        HumanText.Number(8080).Should().Be("8080");
        HumanText.Number(null).Should().Be("-");
        HumanText.Exit(1, null).Should().Be("code 1");
        HumanText.Exit(null, "SIGTERM").Should().Be("SIGTERM");
        HumanText.Exit(null, null).Should().Be("code ?");
    }

    [Fact]
    public void Timestamps_are_utc_to_the_millisecond()
    {
        var at = new DateTimeOffset(2026, 11, 25, 17, 49, 48, 596, TimeSpan.FromHours(1));
        HumanText.Timestamp(at).Should().Be("2026-11-25T16:49:48.596Z");
        HumanText.ClockTime(at).Should().Be(at.ToLocalTime().ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
    }
}
