namespace ServiceManager.Text.Tests;

public sealed class SizeTests
{
    [Theory]
    [InlineData(0L, "0B")]
    [InlineData(512L, "512B")]
    [InlineData(1023L, "1023B")]
    [InlineData(1024L, "1.0K")]
    [InlineData(1536L, "1.5K")]
    [InlineData(18_769_510L, "17.9M")]
    [InlineData(104_805_171L, "99.9M")]
    [InlineData(104_806_000L, "100M")]
    [InlineData(131_072_000L, "125M")]
    [InlineData(500L << 20, "500M")]
    [InlineData((1L << 30) - (1L << 20), "1023M")]
    [InlineData((1L << 30) - (1L << 18), "1.0G")]
    [InlineData(1L << 30, "1.0G")]
    [InlineData(1_610_612_736L, "1.5G")]
    [InlineData(8_321_499_136L, "7.8G")]
    [InlineData(3L << 40, "3.0T")]
    [InlineData(long.MaxValue, "8.0E")]
    public void Sizes_are_binary_with_at_most_three_significant_digits(long bytes, string expected) =>
        HumanText.Bytes(bytes).Should().Be(expected);

    [Fact]
    public void Every_size_fits_five_columns()
    {
        // A sweep over every magnitude, plus the rounding edges of each unit (99.95 and 1023.5 of it).
        var sizes = new List<long>();
        for (var bytes = 1L; bytes > 0 && bytes < long.MaxValue / 3; bytes = bytes * 3 / 2 + 1) sizes.Add(bytes);
        for (var unit = 1L; unit <= 1L << 50; unit <<= 10)
            foreach (var edge in new[] { 99.949, 99.95, 99.951, 999.99, 1023.49, 1023.5, 1023.51, 1023.999 })
                sizes.Add((long)(edge * unit));

        foreach (var bytes in sizes)
            HumanText.Bytes(bytes).Length.Should().BeLessThanOrEqualTo(5, "{0} bytes read {1}", bytes, HumanText.Bytes(bytes));
    }

    [Fact]
    public void Unknown_is_a_dash_and_negative_keeps_its_sign()
    {
        HumanText.Bytes(null).Should().Be("-");
        HumanText.Bytes(-1536).Should().Be("-1.5K");
        HumanText.Bytes(long.MinValue).Should().Be("-8.0E");
    }
}
