using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Benchmarks;

/// <summary>
/// Log lines on the wire: the `log` notification a follower gets for every line (built as
/// RpcConnection.SendNotificationAsync does), and a `logs -n 1000` result. Every line carries a timestamp.
/// </summary>
[MemoryDiagnoser]
public class LogLineSerializationBenchmark
{
    private readonly ArrayBufferWriter<byte> _output = new(1 << 20);
    private LogNotification _notification = null!;
    private LogsResult _result = null!;

    [GlobalSetup]
    public void Setup()
    {
        var at = DateTimeOffset.UtcNow;
        var lines = Enumerable.Range(0, 1000).Select(i => new LogLine("web-1", "stdout", at.AddMilliseconds(i), LogChunks.Line(i))).ToList();
        _notification = new LogNotification("sub-1", lines[0]);
        _result = new LogsResult(lines, null);
    }

    [Benchmark]
    public int LogNotification()
    {
        _output.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_output))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc"u8, "2.0"u8);
            writer.WriteString("method"u8, "log");
            writer.WritePropertyName("params"u8);
            JsonSerializer.Serialize(writer, _notification, ProtocolJsonContext.Default.LogNotification);
            writer.WriteEndObject();
        }
        return _output.WrittenCount;
    }

    [Benchmark]
    public int Logs1000Lines()
    {
        _output.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_output))
            JsonSerializer.Serialize(writer, _result, ProtocolJsonContext.Default.LogsResult);
        return _output.WrittenCount;
    }
}
