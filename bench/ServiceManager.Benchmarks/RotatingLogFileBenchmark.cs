using BenchmarkDotNet.Attributes;
using ServiceManager.Logs;
using ServiceManager.Platform;

namespace ServiceManager.Benchmarks;

/// <summary>Formatting a batch of entries ("{timestamp} out {text}\n") and writing it with one pwrite, rotating at 10 MB.</summary>
[MemoryDiagnoser]
public class RotatingLogFileBenchmark
{
    private string _directory = null!;
    private RotatingLogFile _file = null!;
    private List<LogEntry> _batch = null!;

    /// <summary>Lines per batch: a 64 KiB pipe read holds ~650 lines of 100 bytes.</summary>
    [Params(650)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("svcmgr-bench-file-").FullName;
        _file = new RotatingLogFile(_directory, "bench-1", 10 * 1024 * 1024, 5);
        var at = DateTimeOffset.UtcNow;
        _batch = [.. Enumerable.Range(0, Lines).Select(i => new LogEntry("bench-1", OutputStream.Stdout, at, LogChunks.Line(i)))];
    }

    [Benchmark]
    public void WriteBatch() => _file.Write(_batch);

    [GlobalCleanup]
    public void Cleanup()
    {
        _file.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
