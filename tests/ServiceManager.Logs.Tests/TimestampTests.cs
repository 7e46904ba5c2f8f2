using Microsoft.Extensions.Time.Testing;
using ServiceManager.Platform;

namespace ServiceManager.Logs.Tests;

public sealed class TimestampTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Lines_are_stamped_by_the_time_provider_in_utc_with_milliseconds()
    {
        var time = new FakeTimeProvider(LogTestKit.Start);
        time.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("plus5", TimeSpan.FromHours(5), "plus5", "plus5"));
        using var log = LogTestKit.Create(_dir, time: time);

        log.Write(OutputStream.Stdout, "first\n");
        time.Advance(TimeSpan.FromTicks(15_007_000));
        log.Write(OutputStream.Stderr, "second\n");

        log.Tail(2).Select(e => e.At).Should().Equal(LogTestKit.Start, LogTestKit.Start.AddTicks(15_007_000));
        File.ReadAllLines(_dir.File("web-0.log")).Should().Equal(
            "2026-11-25T16:05:24.123Z out first",
            "2026-11-25T16:05:25.623Z err second");
    }

    [Fact]
    public void A_line_completed_by_a_later_chunk_gets_the_later_time()
    {
        var time = new FakeTimeProvider(LogTestKit.Start);
        using var log = LogTestKit.Create(_dir, time: time);

        log.Write(OutputStream.Stdout, "begun ");
        time.Advance(TimeSpan.FromSeconds(2));
        log.Write(OutputStream.Stdout, "done\n");

        log.Tail(1).Single().At.Should().Be(LogTestKit.Start.AddSeconds(2));
    }

    [Fact]
    public void Every_chunk_is_stamped_with_its_own_time_even_when_a_later_one_goes_back()
    {
        // The file keeps the last formatted stamp; a clock that steps back (NTP) must not reuse a stale one.
        var time = new SteppingClock { Now = LogTestKit.Start };
        using var log = LogTestKit.Create(_dir, time: time);

        log.Write(OutputStream.Stdout, "a1\na2\n");
        time.Now = LogTestKit.Start.AddMilliseconds(1);
        log.Write(OutputStream.Stdout, "b\n");
        time.Now = LogTestKit.Start;
        log.Write(OutputStream.Stderr, "c\n");
        time.Now = new DateTimeOffset(2027, 1, 2, 3, 4, 5, 6, TimeSpan.FromHours(-8));
        log.Write(OutputStream.Stdout, "d\n");

        File.ReadAllLines(_dir.File("web-0.log")).Should().Equal(
            "2026-11-25T16:05:24.123Z out a1",
            "2026-11-25T16:05:24.123Z out a2",
            "2026-11-25T16:05:24.124Z out b",
            "2026-11-25T16:05:24.123Z err c",
            "2027-01-02T11:04:05.006Z out d");
    }

    /// <summary>A clock that may be set backwards, which FakeTimeProvider refuses.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
