using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ServiceManager.Config;
using ServiceManager.Daemon.Rpc;
using ServiceManager.Monitoring.Health;
using ServiceManager.Platform;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;
using ServiceManager.Supervision;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace ServiceManager.Benchmarks;

/// <summary>
/// The `list` answer as the daemon makes it: snapshots in numeric-id order mapped to <see cref="InstanceSummary"/>
/// rows (<see cref="WireMapping"/>), then the JSON-RPC result written by the daemon's
/// <see cref="SystemTextJsonFormatter"/> over the source-generated ProtocolJsonContext.
/// </summary>
[MemoryDiagnoser]
public class ListSerializationBenchmark
{
    private readonly ArrayBufferWriter<byte> _output = new(1 << 20);
    private SystemTextJsonFormatter _formatter = null!;
    private InstanceSnapshot[] _snapshots = null!;
    private IReadOnlyList<InstanceSummary> _rows = null!;
    private DateTimeOffset _now;

    [Params(10, 1000)]
    public int Instances { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _formatter = WireFormatter.Create();
        var config = ConfigLoader.Parse(ConfigLoadBenchmark.Generate(Instances), "/tmp/services.toml", ConfigLoader.ProcessEnvironment());
        _now = DateTimeOffset.UtcNow;
        var started = _now.AddHours(-3);
        _snapshots = [.. config.Instances.Select((d, i) => new InstanceSnapshot(
            d.Id, i + 1, d, InstanceState.Running, 10_000 + i, started, i % 3,
            new ChildExit(null, SignalNames.SIGKILL) { At = started }, [], null, ShouldRun: true))];
        // Shuffled, as the fleet's dictionary hands them out: the answer sorts them.
        Random.Shared.Shuffle(_snapshots);
        _rows = Map();
    }

    /// <summary>Sort and map only.</summary>
    [Benchmark]
    public int MapRows() => Map().Count;

    /// <summary>Serialise already mapped rows as the JSON-RPC result message.</summary>
    [Benchmark]
    public int Serialize() => Write(_rows);

    /// <summary>The rows alone straight through the source-generated context: what the formatter adds is the rest.</summary>
    [Benchmark]
    public int SerializeRowsOnly()
    {
        _output.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_output);
        JsonSerializer.Serialize(writer, _rows, ProtocolJsonContext.Default.IReadOnlyListInstanceSummary);
        writer.Flush();
        return _output.WrittenCount;
    }

    /// <summary>Sort, map and serialise: the daemon's whole share of a `list` call (socket I/O aside).</summary>
    [Benchmark]
    public int MapAndSerialize() => Write(Map());

    private IReadOnlyList<InstanceSummary> Map() =>
        [.. _snapshots.OrderBy(s => s.NumericId).Select(s => WireMapping.Summary(s, _now, null, HealthStatus.Healthy))];

    private int Write(IReadOnlyList<InstanceSummary> rows)
    {
        var result = ((IJsonRpcMessageFactory)_formatter).CreateResultMessage();
        result.RequestId = new RequestId(42);
        result.Result = rows;
        result.ResultDeclaredType = typeof(IReadOnlyList<InstanceSummary>);
        _output.ResetWrittenCount();
        _formatter.Serialize(_output, result);
        return _output.WrittenCount;
    }
}
