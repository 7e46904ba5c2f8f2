namespace ServiceManager.Text.Tests;

public sealed class DurationTests
{
    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(999L, "0s")]
    [InlineData(59_999L, "59s")]
    [InlineData(60_000L, "1m00s")]
    [InlineData(65_000L, "1m05s")]
    [InlineData(3_599_999L, "59m59s")]
    [InlineData(3_600_000L, "1h00m")]
    [InlineData(7_500_000L, "2h05m")]
    [InlineData(86_399_999L, "23h59m")]
    [InlineData(86_400_000L, "1d00h")]
    [InlineData(97_200_000L, "1d03h")]
    [InlineData(365L * 86_400_000 + 23 * 3_600_000, "365d23h")]
    public void Uptimes_show_their_two_largest_units_truncated(long milliseconds, string expected)
    {
        HumanText.Duration(milliseconds).Should().Be(expected);
        HumanText.Duration(TimeSpan.FromMilliseconds(milliseconds)).Should().Be(expected);
    }

    [Fact]
    public void Unknown_is_a_dash_and_negative_is_zero()
    {
        HumanText.Duration((long?)null).Should().Be("-");
        HumanText.Duration((TimeSpan?)null).Should().Be("-");
        HumanText.Duration(-5_000L).Should().Be("0s");
        HumanText.Duration(TimeSpan.FromSeconds(-5)).Should().Be("0s");
    }

    [Fact]
    public void Huge_values_do_not_overflow()
    {
        HumanText.Duration(long.MaxValue).Should().Be("106751991167d07h");
        HumanText.Duration(TimeSpan.MaxValue).Should().Be("10675199d02h");
        HumanText.Duration(long.MinValue).Should().Be("0s");
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(-250, "0s")]
    [InlineData(1, "1ms")]
    [InlineData(250, "250ms")]
    [InlineData(1_000, "1s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(10_000, "10s")]
    [InlineData(59_999, "59.999s")]
    [InlineData(90_000, "1m30s")]
    [InlineData(300_000, "5m00s")]
    [InlineData(3_600_000, "1h00m")]
    public void Configured_waits_keep_their_fraction_below_a_minute(int milliseconds, string expected) =>
        HumanText.Delay(TimeSpan.FromMilliseconds(milliseconds)).Should().Be(expected);
}
