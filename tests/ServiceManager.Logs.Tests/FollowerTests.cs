using System.Diagnostics;
using ServiceManager.Platform;

namespace ServiceManager.Logs.Tests;

public sealed class FollowerTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static CancellationToken Deadline() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    [Fact]
    public async Task A_follower_receives_lines_live()
    {
        using var log = LogTestKit.Create(_dir);
        log.Write(OutputStream.Stdout, "before\n");
        using var follower = log.Follow();

        var next = follower.Reader.ReadAsync(Deadline()).AsTask();
        next.IsCompleted.Should().BeFalse("lines from before the subscription are not replayed");
        await Task.Run(() => log.Write(OutputStream.Stderr, "live\n"));

        var entry = await next;
        entry.Should().Be(new LogEntry("web-0", OutputStream.Stderr, LogTestKit.Start, "live"));
    }

    [Fact]
    public async Task Replay_hands_over_buffered_lines_then_live_ones()
    {
        using var log = LogTestKit.Create(_dir);
        log.Write(OutputStream.Stdout, "1\n2\n3\n");
        using var follower = log.Follow(replayLines: 2);
        log.Write(OutputStream.Stdout, "4\n");

        var texts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            texts.Add((await follower.Reader.ReadAsync(Deadline())).Text);
        }

        texts.Should().Equal("2", "3", "4");
    }

    [Fact]
    public async Task A_slow_follower_is_dropped_while_a_reading_one_gets_every_line()
    {
        const int lineCount = 5_000;
        using var log = LogTestKit.Create(_dir);
        using var slow = log.Follow(queueCapacity: 10);
        using var reading = log.Follow(queueCapacity: lineCount);
        var received = new List<string>();
        var reader = Task.Run(async () =>
        {
            await foreach (var entry in reading.Reader.ReadAllAsync(Deadline()))
            {
                received.Add(entry.Text);
                if (received.Count == lineCount)
                {
                    return;
                }
            }
        });

        // The slow follower never reads; were any write to wait for it, this loop would never finish.
        var writing = Task.Run(() =>
        {
            for (var n = 1; n <= lineCount; n++)
            {
                log.Write(OutputStream.Stdout, $"{n}\n");
            }
        });
        await writing.WaitAsync(TimeSpan.FromSeconds(30));

        await reader.WaitAsync(TimeSpan.FromSeconds(30));
        received.Should().Equal(Enumerable.Range(1, lineCount).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        log.FollowerCount.Should().Be(1);

        var queued = new List<string>();
        var drain = async () =>
        {
            await foreach (var entry in slow.Reader.ReadAllAsync(Deadline()))
            {
                queued.Add(entry.Text);
            }
        };
        (await drain.Should().ThrowAsync<FollowerDroppedException>())
            .WithMessage("follower too slow: 10 lines queued");
        queued.Should().Equal("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    }

    [Fact]
    public async Task Disposing_a_follower_unsubscribes_it_and_completes_its_reader()
    {
        using var log = LogTestKit.Create(_dir);
        var follower = log.Follow();
        log.FollowerCount.Should().Be(1);

        follower.Dispose();
        log.Write(OutputStream.Stdout, "unseen\n");

        log.FollowerCount.Should().Be(0);
        await follower.Reader.Completion.WaitAsync(Deadline());
        follower.Reader.TryRead(out _).Should().BeFalse();
    }

    [Fact]
    public async Task Disposing_the_log_completes_followers_after_the_flushed_partial_line()
    {
        var log = LogTestKit.Create(_dir);
        using var follower = log.Follow();
        log.Write(OutputStream.Stdout, "partial");

        log.Dispose();

        var texts = new List<string>();
        await foreach (var entry in follower.Reader.ReadAllAsync(Deadline()))
        {
            texts.Add(entry.Text);
        }

        texts.Should().Equal("partial");
        using var late = log.Follow();
        await late.Reader.Completion.WaitAsync(Deadline());
    }

    [Fact]
    public async Task Subscribing_and_unsubscribing_concurrently_with_output_is_safe()
    {
        using var log = LogTestKit.Create(_dir);
        using var steady = log.Follow(queueCapacity: 20_000);
        var writer = Task.Run(() =>
        {
            for (var n = 1; n <= 20_000; n++)
            {
                log.Write(OutputStream.Stdout, $"{n}\n");
            }
        });

        var churns = 0;
        var stopwatch = Stopwatch.StartNew();
        while (!writer.IsCompleted && stopwatch.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var transient = log.Follow(queueCapacity: 5);
            churns++;
            await Task.Yield();
        }

        await writer.WaitAsync(TimeSpan.FromSeconds(30));
        churns.Should().BePositive();
        var count = 0;
        while (steady.Reader.TryRead(out var entry))
        {
            count++;
            entry.Text.Should().Be(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        count.Should().Be(20_000);
        log.FollowerCount.Should().Be(1);
    }
}
