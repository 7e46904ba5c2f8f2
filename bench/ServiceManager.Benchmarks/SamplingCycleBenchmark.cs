using BenchmarkDotNet.Attributes;
using ServiceManager.Monitoring.Metrics;

namespace ServiceManager.Benchmarks;

/// <summary>One metrics cycle (every process's stat, the instances' fd directories, the four system files) with 100
/// instances tracked. Target: under 5 ms of CPU per cycle.</summary>
[MemoryDiagnoser]
public class SamplingCycleBenchmark
{
    private Sleepers? _sleepers;
    private MetricsSampler? _sampler;

    [Params(100)]
    public int Instances { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _sleepers = new Sleepers(Instances);
        _sampler = new MetricsSampler(TimeProvider.System);
        for (var i = 0; i < _sleepers.Children.Count; i++)
            _sampler.Track($"sleeper-{i}", _sleepers.Children[i].Pid);
        // Warm the reused buffers, lists and dictionaries as the daemon's first cycles would.
        _sampler.SampleNow();
        _sampler.SampleNow();
    }

    [Benchmark]
    public DateTimeOffset SampleOneCycle() => _sampler!.SampleNow();

    [GlobalCleanup]
    public void Cleanup()
    {
        _sampler?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _sleepers?.Dispose();
    }
}
