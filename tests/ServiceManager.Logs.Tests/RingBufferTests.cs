using ServiceManager.Platform;

namespace ServiceManager.Logs.Tests;

public sealed class RingBufferTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Tail_keeps_exactly_the_last_BufferLines_oldest_first()
    {
        using var log = LogTestKit.Create(_dir, new LogOptions(_dir.Path, BufferLines: 5));

        for (var n = 1; n <= 12; n++)
        {
            log.Write(n % 2 == 0 ? OutputStream.Stderr : OutputStream.Stdout, $"{n}\n");
        }

        log.Tail(100).Select(e => e.Text).Should().Equal("8", "9", "10", "11", "12");
        log.Tail(2).Select(e => e.Text).Should().Equal("11", "12");
        log.Tail(0).Should().BeEmpty();
        log.Tail(100, OutputStream.Stderr).Select(e => e.Text).Should().Equal("8", "10", "12");
        log.Tail(1, OutputStream.Stdout).Select(e => e.Text).Should().Equal("11");
        log.Tail(100).Should().OnlyContain(e => e.Instance == "web-0");
    }

    [Fact]
    public void Tail_before_the_buffer_fills_returns_what_there_is()
    {
        using var log = LogTestKit.Create(_dir, new LogOptions(_dir.Path, BufferLines: 5));

        log.Tail(10).Should().BeEmpty();
        log.Write(OutputStream.Stdout, "a\nb\n");

        log.Tail(10).Select(e => e.Text).Should().Equal("a", "b");
    }

    [Fact]
    public async Task Tail_is_consistent_while_output_is_written_concurrently()
    {
        using var log = LogTestKit.Create(_dir, new LogOptions(_dir.Path, BufferLines: 100));
        var writer = Task.Run(() =>
        {
            for (var n = 1; n <= 20_000; n++)
            {
                log.Write(OutputStream.Stdout, $"{n}\n");
            }
        });

        var reads = 0;
        while (!writer.IsCompleted || reads == 0)
        {
            var numbers = log.Tail(100).Select(e => int.Parse(e.Text, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            for (var i = 1; i < numbers.Length; i++)
            {
                numbers[i].Should().Be(numbers[i - 1] + 1, "a tail is a contiguous run of lines");
            }

            reads++;
            await Task.Yield();
        }

        await writer;
        log.Tail(1).Single().Text.Should().Be("20000");
    }
}
