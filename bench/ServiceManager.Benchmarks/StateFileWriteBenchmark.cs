using BenchmarkDotNet.Attributes;
using ServiceManager.Config;
using ServiceManager.Daemon.Persistence;
using ServiceManager.Platform;
using ServiceManager.Supervision;

namespace ServiceManager.Benchmarks;

/// <summary>
/// One write of <c>state.json</c> as the daemon's StateWriter does it after a burst of transitions: the whole fleet
/// mapped and serialised, then written atomically (temporary file, fsync, rename, fsync of the directory).
/// Measured to know what a restart or a cold start of many services costs in the background, not to tune here.
/// </summary>
[MemoryDiagnoser]
public class StateFileWriteBenchmark
{
    private string _directory = null!;
    private string _path = null!;
    private InstanceSnapshot[] _snapshots = null!;
    private Dictionary<string, int> _numericIds = null!;

    [Params(100, 1000)]
    public int Instances { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("svcmgr-bench-state-").FullName;
        _path = Path.Combine(_directory, "state.json");
        var config = ConfigLoader.Parse(ConfigLoadBenchmark.Generate(Instances), "/tmp/services.toml", ConfigLoader.ProcessEnvironment());
        var started = DateTimeOffset.UtcNow.AddHours(-3);
        _snapshots = [.. config.Instances.Select((d, i) => new InstanceSnapshot(
            d.Id, i + 1, d, InstanceState.Running, 10_000 + i, started, i % 3,
            new ChildExit(null, SignalNames.SIGKILL) { At = started }, [], null, ShouldRun: true, ChildStartTime: 123_456UL + (ulong)i))];
        _numericIds = _snapshots.ToDictionary(s => s.Id, s => s.NumericId, StringComparer.Ordinal);
    }

    [Benchmark]
    public void WriteStateFile() =>
        StateFile.Write(_path, new StateDocument(
            StateDocument.CurrentVersion, DateTimeOffset.UtcNow, Environment.ProcessId, _numericIds,
            [.. _snapshots.Select(s => StateMapping.Record(s, waiting: false))]));

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);
}
