using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Channels;

namespace ServiceManager.Protocol.Client;

/// <summary>
/// A JSON-RPC client of the daemon over its Unix socket: one request per line, responses matched by id,
/// notifications delivered through <see cref="Notifications"/>. Every front end talks to the daemon through this.
/// </summary>
public sealed partial class DaemonClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly Channel<RpcNotification> _notifications =
        Channel.CreateUnbounded<RpcNotification>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _readLoop;
    private long _nextId;

    private DaemonClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>Lines sent by the daemon that are not responses: <c>log</c>, <c>event</c>, <c>subscriptionEnded</c>.</summary>
    public ChannelReader<RpcNotification> Notifications => _notifications.Reader;

    /// <exception cref="DaemonUnreachableException">Nothing listens on <paramref name="socketPath"/>.</exception>
    public static async Task<DaemonClient> ConnectAsync(string socketPath, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
            return new DaemonClient(socket);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new DaemonUnreachableException(socketPath, ex);
        }
    }

    /// <summary>False once the connection has closed (the daemon went away); every call then fails.</summary>
    public bool IsConnected => !_readLoop.IsCompleted;

    /// <summary>Calls <paramref name="method"/> and waits for its answer.</summary>
    /// <exception cref="RpcErrorException">The daemon answered with an error.</exception>
    /// <exception cref="DaemonUnreachableException">The connection closed before the answer came.</exception>
    public async Task<TResult> InvokeAsync<TParams, TResult>(
        RpcMethod<TParams, TResult> method, TParams parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        var result = await CallAsync(method.Name, writer => JsonSerializer.Serialize(writer, parameters, method.Params), cancellationToken);
        return result.Deserialize(method.Result)
            ?? throw new RpcErrorException(RpcErrorCodes.InternalError, $"'{method.Name}' returned null");
    }

    /// <summary>
    /// Calls <paramref name="method"/> with <paramref name="parameters"/> as they are and returns the result as it came:
    /// for callers that pass JSON through without knowing its types (the C library's <c>svcmgr_call</c>). Typed
    /// callers use <see cref="InvokeAsync{TParams, TResult}"/>.
    /// </summary>
    /// <exception cref="RpcErrorException">The daemon answered with an error.</exception>
    /// <exception cref="DaemonUnreachableException">The connection closed before the answer came.</exception>
    public Task<JsonElement> InvokeAsync(string method, JsonElement parameters, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        return CallAsync(method, parameters.WriteTo, cancellationToken);
    }

    private async Task<JsonElement> CallAsync(string method, Action<Utf8JsonWriter> writeParams, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var response = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = response;
        try
        {
            // The read loop fails every pending call when it ends; one registered after that would wait for ever.
            if (!IsConnected) throw new DaemonUnreachableException("the daemon closed the connection");
            await WriteRequestAsync(id, method, writeParams, cancellationToken);
            return await response.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task WriteRequestAsync(long id, string method, Action<Utf8JsonWriter> writeParams, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc"u8, "2.0"u8);
            writer.WriteNumber("id"u8, id);
            writer.WriteString("method"u8, method);
            writer.WritePropertyName("params"u8);
            writeParams(writer);
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
        }
        catch (IOException ex)
        {
            throw new DaemonUnreachableException($"the daemon closed the connection ({ex.Message})");
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        var pipe = System.IO.Pipelines.PipeReader.Create(_stream);
        Exception? failure = null;
        try
        {
            while (true)
            {
                var read = await pipe.ReadAsync(_closing.Token);
                var buffer = read.Buffer;
                while (buffer.PositionOf((byte)'\n') is { } newline)
                {
                    Dispatch(buffer.Slice(0, newline));
                    buffer = buffer.Slice(buffer.GetPosition(1, newline));
                }

                pipe.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted) break;
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            failure = ex;
        }

        await pipe.CompleteAsync();
        var closed = new DaemonUnreachableException("the daemon closed the connection" + (failure is null ? "" : $" ({failure.Message})"));
        foreach (var pending in _pending.Values) pending.TrySetException(closed);
        _notifications.Writer.TryComplete();
    }

    private void Dispatch(ReadOnlySequence<byte> line)
    {
        if (line.IsEmpty) return;
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return;

        if (root.TryGetProperty("method"u8, out var method) && !root.TryGetProperty("id"u8, out _))
        {
            var parameters = root.TryGetProperty("params"u8, out var p) ? p.Clone() : default;
            _notifications.Writer.TryWrite(new RpcNotification(method.GetString() ?? "", parameters));
            return;
        }

        if (!root.TryGetProperty("id"u8, out var idElement) || idElement.ValueKind != JsonValueKind.Number) return;
        if (!_pending.TryGetValue(idElement.GetInt64(), out var pending)) return;

        if (root.TryGetProperty("error"u8, out var error))
        {
            var code = error.TryGetProperty("code"u8, out var c) && c.TryGetInt32(out var ci) ? ci : RpcErrorCodes.InternalError;
            var message = error.TryGetProperty("message"u8, out var m) ? m.GetString() ?? "" : "";
            JsonElement? data = error.TryGetProperty("data"u8, out var d) ? d.Clone() : null;
            pending.TrySetException(new RpcErrorException(code, message, data));
        }
        else
        {
            pending.TrySetResult(root.TryGetProperty("result"u8, out var result) ? result.Clone() : default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { }
        _socket.Dispose();
        await _readLoop;
        await _stream.DisposeAsync();
        _closing.Dispose();
        _writeLock.Dispose();
    }
}
