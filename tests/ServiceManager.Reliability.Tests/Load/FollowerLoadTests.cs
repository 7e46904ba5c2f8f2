using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using ServiceManager.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace ServiceManager.Reliability.Tests.Load;

/// <summary>
/// 100 clients follow the logs of 50 chatty services for a bounded time while one more follows and never reads:
/// every reading follower keeps getting lines to the end, the stalled one is disconnected, and the daemon's memory
/// and CPU stay bounded (the figures are printed).
/// </summary>
public sealed class FollowerLoadTests(ITestOutputHelper output) : DaemonFixture
{
    private const int Services = 50;
    private const int Followers = 100;
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(20);

    private const string Chatter = "import itertools, sys, time\nfor i in itertools.count():\n    print(sys.argv[1], 'line', i, 'x' * 60, flush=True)\n    time.sleep(0.2)\n";

    public override Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(Home.Path, "chatter.py"), Chatter);
        var config = new StringBuilder();
        for (var i = 1; i <= Services; i++)
            config.Append(CultureInfo.InvariantCulture, $"[instances.chat-{i}]\nstart_command = [\"python3\", \"{Home.Path}/chatter.py\", \"chat-{i}\"]\nauto_start = true\n\n");
        Home.WriteConfig(config.ToString());
        return StartDaemonAsync();
    }

    private sealed class Follower
    {
        public long Lines;
        public long Ended;
        public DateTime LastLine;
    }

    private static readonly byte[] FollowAll = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"logs","params":{"lines":0,"follow":true}}""" + "\n");

    [Fact]
    public async Task A_hundred_followers_of_fifty_chatty_services_all_keep_up_while_a_stalled_one_is_cut_off()
    {
        var pid = Daemon.Process.Id;
        foreach (var i in Enumerable.Range(1, Services)) await Instances.WaitForStateAsync(Daemon, $"chat-{i}", "running");
        var start = ProcessVitals.Read(pid);

        using var stop = new CancellationTokenSource();
        var followers = Enumerable.Range(0, Followers).Select(_ => new Follower()).ToList();
        var readers = followers.Select(f => FollowAsync(f, stop.Token)).ToList();
        using var stalled = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { ReceiveBufferSize = 4096 };
        await stalled.ConnectAsync(new UnixDomainSocketEndPoint(Daemon.SocketPath));
        await stalled.SendAsync(FollowAll);

        var clock = Stopwatch.StartNew();
        long peakRss = 0;
        while (clock.Elapsed < Period)
        {
            await Task.Delay(500);
            peakRss = Math.Max(peakRss, ProcessVitals.Read(pid).RssKb);
        }

        var end = ProcessVitals.Read(pid);
        var now = DateTime.UtcNow;
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        var cpuPercent = (end.CpuSeconds - start.CpuSeconds) / clock.Elapsed.TotalSeconds * 100;
        var total = followers.Sum(f => f.Lines);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Followers} followers x {Services} services for {clock.Elapsed.TotalSeconds:F0} s: {total} notifications delivered ({total / clock.Elapsed.TotalSeconds:F0}/s), per follower {followers.Min(f => f.Lines)}..{followers.Max(f => f.Lines)} lines"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"daemon before: {start}; after: {end}; peak rss {peakRss / 1024.0:F1} MiB; cpu {cpuPercent:F0}% of one core"));

        followers.Should().OnlyContain(f => f.Ended == 0, "no reading follower was dropped");
        followers.Should().OnlyContain(f => f.Lines > Services, "every follower got lines");
        followers.Should().OnlyContain(f => now - f.LastLine < TimeSpan.FromSeconds(5), "every reading follower still got lines at the end");
        peakRss.Should().BeLessThan(start.RssKb + 256 * 1024, "followers cost bounded memory");

        // The stalled follower: its socket filled, and the daemon cut it off instead of queueing for it without end.
        await Eventually.TrueAsync(() => File.ReadAllText(Daemon.LogFile).Contains("stopped reading", StringComparison.Ordinal), "daemon.log to report the stalled client");
        var drained = await DrainAsync(stalled);
        output.WriteLine($"the stalled follower had {drained} bytes waiting when it was disconnected");
    }

    private async Task FollowAsync(Follower follower, CancellationToken stop)
    {
        using var connection = await RawConnection.ConnectAsync(Daemon.SocketPath);
        await connection.SendAsync(FollowAll);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var line = await connection.ReadLineAsync().WaitAsync(stop);
                if (line is null) break;
                if (line.Contains("\"method\":\"log\"", StringComparison.Ordinal))
                {
                    follower.Lines++;
                    follower.LastLine = DateTime.UtcNow;
                }
                else if (line.Contains("subscriptionEnded", StringComparison.Ordinal))
                {
                    follower.Ended++;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Reads what is left until the daemon's close; returns the byte count.</summary>
    private static async Task<long> DrainAsync(Socket socket)
    {
        var buffer = new byte[64 * 1024];
        long total = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            int n;
            try
            {
                n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            }
            catch (SocketException)
            {
                return total;
            }

            if (n == 0) return total;
            total += n;
        }
    }
}
