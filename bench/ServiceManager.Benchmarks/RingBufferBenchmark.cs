using BenchmarkDotNet.Attributes;
using ServiceManager.Logs;
using ServiceManager.Platform;

namespace ServiceManager.Benchmarks;

/// <summary>The ring buffer behind `logs -n`: adding a pipe read's worth of lines, and reading the tail back.</summary>
[MemoryDiagnoser]
public class RingBufferBenchmark
{
    private LogRingBuffer _ring = null!;
    private List<LogEntry> _batch = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The default buffer_lines; full, as it is after the first minutes of a chatty service.
        _ring = new LogRingBuffer(1000);
        var at = DateTimeOffset.UtcNow;
        _batch = [.. Enumerable.Range(0, 650).Select(i => new LogEntry("bench-1", i % 10 == 0 ? OutputStream.Stderr : OutputStream.Stdout, at, LogChunks.Line(i)))];
        _ring.AddRange(_batch);
        _ring.AddRange(_batch);
    }

    /// <summary>650 entries (one 64 KiB pipe read).</summary>
    [Benchmark]
    public void AddRange650() => _ring.AddRange(_batch);

    /// <summary>`logs -n 100` of both streams.</summary>
    [Benchmark]
    public int Tail100() => _ring.Tail(100, stream: null).Length;

    /// <summary>`logs -n 1000 --stream stderr`: a filter that scans the whole buffer.</summary>
    [Benchmark]
    public int Tail1000Stderr() => _ring.Tail(1000, OutputStream.Stderr).Length;
}
