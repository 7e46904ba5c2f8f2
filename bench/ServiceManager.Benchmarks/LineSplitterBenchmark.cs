using BenchmarkDotNet.Attributes;
using ServiceManager.Logs;

namespace ServiceManager.Benchmarks;

/// <summary>Cutting pipe reads into lines: the first stage of the log path (decoding included, nothing stored).</summary>
[MemoryDiagnoser]
public class LineSplitterBenchmark
{
    private readonly List<string> _lines = [];
    private LineSplitter _splitter = null!;
    private byte[][] _chunks = null!;
    private int _next;

    /// <summary>A full pipe read (the I/O loop reads up to 64 KiB) and a small one.</summary>
    [Params(4096, 65536)]
    public int ChunkBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _splitter = new LineSplitter();
        _chunks = LogChunks.Make(ChunkBytes, 16);
    }

    /// <summary>One chunk (~ChunkBytes/100 lines).</summary>
    [Benchmark]
    public int PushChunk()
    {
        _lines.Clear();
        _splitter.Push(_chunks[_next++ & 15], _lines);
        return _lines.Count;
    }
}
