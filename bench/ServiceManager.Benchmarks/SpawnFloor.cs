using System.Diagnostics;
using ServiceManager.Platform;
using ServiceManager.Platform.Unix;
using ServiceManager.Supervision;

namespace ServiceManager.Benchmarks;

/// <summary>
/// The floor under a restart: the benchmark itself starts the same program a supervised instance runs
/// (<c>sh -c 'echo up; exec sleep'</c>) with a plain posix_spawn — no supervisor, no exit to notice, no cgroup — and
/// times the call until the program's first line arrives. What is left above it is what supervision and containment
/// add.
/// </summary>
internal sealed class SpawnFloor : IChildOutputSink, IDisposable
{
    private readonly UnixProcessSpawner _spawner = new(null, null, SpawnMethod.PosixSpawn);
    private readonly SpawnRequest _request;
    private readonly SemaphoreSlim _output = new(0);
    private int _expectFirst;
    private long _firstOutput;

    public SpawnFloor(string directory) =>
        _request = new SpawnRequest("sh", ["-c", "echo up; exec sleep 100000"], DaemonEnvironment.Capture(), directory);

    public List<double> ToOutput { get; } = [];

    public bool Measure(bool record)
    {
        Thread.Sleep(20); // as before each SIGKILL of a supervised child: the previous round's follow-up work is done
        Volatile.Write(ref _expectFirst, 1);
        var started = Stopwatch.GetTimestamp();
        var child = _spawner.Spawn(_request, this);
        var heard = _output.Wait(TimeSpan.FromSeconds(10));
        if (heard && record) ToOutput.Add(Stopwatch.GetElapsedTime(started, Volatile.Read(ref _firstOutput)).TotalMilliseconds);
        UnixProcess.Signal(child.Pid, SignalNames.SIGKILL);
        return child.Exited.Wait(TimeSpan.FromSeconds(10)) && heard;
    }

    public void OnOutput(OutputStream stream, ReadOnlySpan<byte> data)
    {
        if (Interlocked.Exchange(ref _expectFirst, 0) != 1) return;
        Volatile.Write(ref _firstOutput, Stopwatch.GetTimestamp());
        _output.Release();
    }

    public void OnClosed(OutputStream stream)
    {
    }

    public void Dispose()
    {
        _spawner.Dispose();
        _output.Dispose();
    }
}
