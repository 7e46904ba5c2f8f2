using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using ServiceManager.Protocol;
using StreamJsonRpc;

namespace ServiceManager.Daemon.Rpc;

/// <summary>
/// One client on the socket. Incoming lines are screened (<see cref="RequestScreen"/>) and only well-formed
/// requests reach StreamJsonRpc; every outgoing line — responses, screen errors, notifications — is written whole
/// under one lock, so lines from different writers never interleave.
/// </summary>
internal sealed partial class RpcConnection : IAsyncDisposable
{
    /// <summary>Longest accepted request line; longer ones get an error and are discarded without being buffered.</summary>
    public const int MaxMessageBytes = 1024 * 1024;

    /// <summary>
    /// Requests read but not yet answered. StreamJsonRpc dispatches every request it reads at once and queues the
    /// response until it can be written, so a client that sends and never reads grew the daemon by megabytes;
    /// past this many the connection stops reading until responses go out.
    /// </summary>
    public const int MaxOutstandingRequests = 64;

    /// <summary>A write that makes no progress for this long means the client stopped reading: it is disconnected.</summary>
    public static readonly TimeSpan WriteStallLimit = TimeSpan.FromSeconds(15);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly ILogger _logger;
    private readonly Pipe _toRpc = new();
    private readonly Pipe _fromRpc = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _lifetime;
    private readonly DaemonJsonRpc _rpc;
    private readonly SemaphoreSlim _requestSlots = new(MaxOutstandingRequests);
    private int _outstanding;
    private TaskCompletionSource _drained = NewDrainedSignal();

    public RpcConnection(Socket socket, Func<RpcConnection, IServiceManagerRpc> createTarget, ILogger logger, CancellationToken stopping)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _logger = logger;
        _lifetime = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _writeStall = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);

        var formatter = WireFormatter.Create();
        var handler = new NewLineDelimitedMessageHandler(_fromRpc.Writer, _toRpc.Reader, formatter) { NewLine = NewLineDelimitedMessageHandler.NewLineStyle.Lf };
        _rpc = new DaemonJsonRpc(handler);
        _rpc.AddLocalRpcTarget(RpcTargetMetadata.FromShape<IServiceManagerRpc>(), createTarget(this), null);
    }

    /// <summary>Cancelled when the client goes away or the daemon stops.</summary>
    public CancellationToken Closing => _lifetime.Token;

    public async Task RunAsync()
    {
        _rpc.StartListening();
        var pump = PumpResponsesAsync();
        try
        {
            await ReadRequestsAsync();
            await WaitForOutstandingResponsesAsync();
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            _logger.LogDebug("client connection ended: {Reason}", ex.Message);
        }
        finally
        {
            await _lifetime.CancelAsync();
            await _toRpc.Writer.CompleteAsync();
            _rpc.Dispose();
            await _fromRpc.Writer.CompleteAsync();
            await pump;
        }
    }

    private async Task ReadRequestsAsync()
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        var discarding = false;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(Closing);
                var buffer = read.Buffer;
                while (true)
                {
                    var newline = buffer.PositionOf((byte)'\n');
                    if (newline is null)
                    {
                        if (!discarding && buffer.Length > MaxMessageBytes)
                        {
                            await WriteLineAsync(TooLarge());
                            discarding = true;
                        }

                        if (discarding) buffer = buffer.Slice(buffer.End);
                        break;
                    }

                    var line = buffer.Slice(0, newline.Value);
                    buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
                    if (discarding)
                    {
                        discarding = false;
                        continue;
                    }

                    await HandleLineAsync(line);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted) return;
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private async ValueTask HandleLineAsync(ReadOnlySequence<byte> line)
    {
        if (line.Length > MaxMessageBytes)
        {
            await WriteLineAsync(TooLarge());
            return;
        }

        var verdict = RequestScreen.Examine(line);
        switch (verdict.Action)
        {
            case ScreenAction.Forward:
                if (verdict.ExpectsResponse)
                {
                    await _requestSlots.WaitAsync(Closing);
                    Interlocked.Increment(ref _outstanding);
                }

                foreach (var segment in line) _toRpc.Writer.Write(segment.Span);
                _toRpc.Writer.Write("\n"u8);
                await _toRpc.Writer.FlushAsync(Closing);
                break;
            case ScreenAction.Reply:
                await WriteLineAsync(verdict.ErrorLine!);
                break;
            case ScreenAction.Ignore:
                break;
        }
    }

    private static byte[] TooLarge() =>
        ErrorLines.Create(RpcErrorCodes.InvalidRequest, $"invalid request: message larger than {MaxMessageBytes} bytes", null);

    /// <summary>
    /// A client may half-close right after its last request (<c>printf ... | socat</c>): its answers must still go
    /// out before the connection is closed.
    /// </summary>
    private async Task WaitForOutstandingResponsesAsync()
    {
        while (Volatile.Read(ref _outstanding) > 0)
        {
            var drained = Volatile.Read(ref _drained);
            if (Volatile.Read(ref _outstanding) == 0) break;
            await drained.Task.WaitAsync(Closing);
        }
    }

    /// <summary>Copies StreamJsonRpc's output to the socket, whole lines at a time.</summary>
    private async Task PumpResponsesAsync()
    {
        var reader = _fromRpc.Reader;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync();
                var buffer = read.Buffer;
                if (EndOfLastLine(buffer) is { } end)
                {
                    var lines = buffer.Slice(0, end);
                    var count = CountNewlines(lines);
                    await WriteLineAsync(lines);
                    buffer = buffer.Slice(end);
                    if (count > 0) _requestSlots.Release(count);
                    if (Interlocked.Add(ref _outstanding, -count) <= 0)
                        Interlocked.Exchange(ref _drained, NewDrainedSignal()).TrySetResult();
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted) break;
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            await _lifetime.CancelAsync();
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static TaskCompletionSource NewDrainedSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The offset just past the last newline in <paramref name="buffer"/>, if any.</summary>
    private static long? EndOfLastLine(ReadOnlySequence<byte> buffer)
    {
        long? end = null;
        long offset = 0;
        foreach (var segment in buffer)
        {
            var index = segment.Span.LastIndexOf((byte)'\n');
            if (index >= 0) end = offset + index + 1;
            offset += segment.Length;
        }

        return end;
    }

    private static int CountNewlines(ReadOnlySequence<byte> lines)
    {
        var count = 0;
        foreach (var segment in lines) count += segment.Span.Count((byte)'\n');
        return count;
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync();
        DisposeSubscriptions();
        try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
        await _stream.DisposeAsync();
        _lifetime.Dispose();
        _writeLock.Dispose();
        _writeStall.Dispose();
        _requestSlots.Dispose();
    }
}
