using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;

namespace ServiceManager.Daemon.Rpc;

internal sealed partial class RpcConnection
{
    public ValueTask WriteLineAsync(byte[] line) => WriteLineAsync(new ReadOnlySequence<byte>(line));

    // Cancels a write stuck for WriteStallLimit; reused under the write lock (reset after every write).
    private readonly CancellationTokenSource _writeStall;

    private async ValueTask WriteLineAsync(ReadOnlySequence<byte> lines)
    {
        await _writeLock.WaitAsync(Closing);
        try
        {
            _writeStall.CancelAfter(WriteStallLimit);
            foreach (var segment in lines) await _stream.WriteAsync(segment, _writeStall.Token);
            if (!_writeStall.TryReset()) throw Stalled();
        }
        catch (OperationCanceledException) when (!Closing.IsCancellationRequested)
        {
            throw Stalled();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Closes the connection of a client that stopped reading, and says so once.</summary>
    private IOException Stalled()
    {
        _logger.LogWarning("a client stopped reading for {Seconds} s with output waiting for it: disconnected", WriteStallLimit.TotalSeconds);
        _lifetime.Cancel();
        return new IOException("the client stopped reading");
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
