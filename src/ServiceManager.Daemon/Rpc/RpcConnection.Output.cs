using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ServiceManager.Daemon.Rpc;

internal sealed partial class RpcConnection
{
    public ValueTask WriteLineAsync(byte[] line) => WriteLineAsync(new ReadOnlySequence<byte>(line));

    private async ValueTask WriteLineAsync(ReadOnlySequence<byte> lines)
    {
        await _writeLock.WaitAsync(Closing);
        try
        {
            foreach (var segment in lines) await _stream.WriteAsync(segment, Closing);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Writes a notification line. It waits while the client's socket buffer is full: that back-pressure is what
    /// lets a follower's bounded queue fill up and the follower be dropped, instead of the daemon buffering without end.
    /// </summary>
    public async ValueTask SendNotificationAsync<T>(string method, T parameters, JsonTypeInfo<T> info)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc"u8, "2.0"u8);
            writer.WriteString("method"u8, method);
            writer.WritePropertyName("params"u8);
            JsonSerializer.Serialize(writer, parameters, info);
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        await WriteLineAsync(new ReadOnlySequence<byte>(buffer.WrittenMemory));
    }
}
