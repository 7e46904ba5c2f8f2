using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace ServiceManager.Web.Tests.Infrastructure;

/// <summary>A <see cref="ClientWebSocket"/> that reads one JSON text frame at a time.</summary>
internal sealed class WsClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;

    private WsClient(ClientWebSocket socket) => _socket = socket;

    public WebSocket Socket => _socket;

    public static async Task<WsClient> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        configure?.Invoke(socket.Options);
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        await socket.ConnectAsync(uri, timeout.Token);
        return new WsClient(socket);
    }

    /// <summary>The next frame, or null when the server closed the socket (see <see cref="WebSocket.CloseStatusDescription"/>).</summary>
    public async Task<JsonElement?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? Eventually.DefaultTimeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cancel.Token);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) break;
        }

        return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
    }

    /// <summary>Reads frames until one is accepted; returns every frame read, the accepted one last.</summary>
    public async Task<List<JsonElement>> ReceiveUntilAsync(Func<JsonElement, bool> accept, string what, TimeSpan? timeout = null)
    {
        var frames = new List<JsonElement>();
        var deadline = DateTime.UtcNow + (timeout ?? Eventually.DefaultTimeout);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"timed out waiting for {what}; got {frames.Count} frames: {Texts(frames)}");
            JsonElement? frame;
            try
            {
                frame = await ReceiveAsync(left);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"timed out waiting for {what}; got {frames.Count} frames: {Texts(frames)}");
            }

            if (frame is not { } f) throw new InvalidOperationException($"the socket closed ({_socket.CloseStatus} {_socket.CloseStatusDescription}) before {what}; frames: {Texts(frames)}");
            frames.Add(f);
            if (accept(f)) return frames;
        }
    }

    /// <summary>Reads until the server closes; the frames read meanwhile are dropped.</summary>
    public async Task<(WebSocketCloseStatus? Status, string? Reason)> ReceiveCloseAsync(TimeSpan? timeout = null)
    {
        while (await ReceiveAsync(timeout) is not null) { }
        return (_socket.CloseStatus, _socket.CloseStatusDescription);
    }

    private static string Texts(IEnumerable<JsonElement> frames) => string.Join("\n", frames.TakeLast(20).Select(f => f.GetRawText()));

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try { await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token); }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException) { }
        }

        _socket.Dispose();
    }

    public static string Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    public static bool Is(JsonElement e, string type, string instance) => Text(e, "type") == type && Text(e, "instance_id") == instance;
}
