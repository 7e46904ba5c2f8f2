using BenchmarkDotNet.Attributes;
using ServiceManager.Logs;
using ServiceManager.Platform;

namespace ServiceManager.Benchmarks;

/// <summary>Broadcasting a pipe read's worth of lines to live `logs -f` followers, which read everything back.</summary>
[MemoryDiagnoser]
public class FollowerBenchmark
{
    private FollowerSet _set = null!;
    private LogFollower[] _followers = null!;
    private List<LogEntry> _batch = null!;

    [Params(1, 10)]
    public int Followers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _set = new FollowerSet();
        _followers = [.. Enumerable.Range(0, Followers).Select(_ => _set.Add(10_000, []))];
        var at = DateTimeOffset.UtcNow;
        _batch = [.. Enumerable.Range(0, 650).Select(i => new LogEntry("bench-1", OutputStream.Stdout, at, LogChunks.Line(i)))];
    }

    /// <summary>650 entries to every follower, then each follower's reader drains its queue.</summary>
    [Benchmark]
    public int BroadcastAndDrain()
    {
        _set.Broadcast(_batch);
        var read = 0;
        foreach (var follower in _followers)
        {
            while (follower.Reader.TryRead(out _))
                read++;
        }
        return read;
    }

    [GlobalCleanup]
    public void Cleanup() => _set.Close();
}
