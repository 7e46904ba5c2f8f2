using BenchmarkDotNet.Attributes;
using ServiceManager.Logs;
using ServiceManager.Platform;

namespace ServiceManager.Benchmarks;

/// <summary>
/// The whole log path as the spawner's I/O thread drives it: <see cref="InstanceLog.OnOutput"/> with one pipe read
/// (split, stamp, one pwrite to the rotating file, ring buffer, followers). Files rotate at the default 10 MB.
/// </summary>
[MemoryDiagnoser]
public class LogPipelineBenchmark
{
    private string _directory = null!;
    private InstanceLog _log = null!;
    private byte[][] _chunks = null!;
    private LogFollower? _follower;
    private int _next;

    [Params(4096, 65536)]
    public int ChunkBytes { get; set; }

    /// <summary>0, or one `logs -f` client that keeps up (its queue is drained after every chunk).</summary>
    [Params(0, 1)]
    public int Followers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("svcmgr-bench-log-").FullName;
        _log = new InstanceLog("bench-1", new LogOptions(_directory), TimeProvider.System);
        _chunks = LogChunks.Make(ChunkBytes, 16);
        if (Followers > 0)
            _follower = _log.Follow();
    }

    /// <summary>One chunk (~ChunkBytes/100 lines) from the pipe to the file, the ring buffer and the follower.</summary>
    [Benchmark]
    public void OnOutput()
    {
        _log.OnOutput(OutputStream.Stdout, _chunks[_next++ & 15]);
        if (_follower is not null)
        {
            while (_follower.Reader.TryRead(out _))
            {
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _follower?.Dispose();
        _log.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
