using System.Net.WebSockets;

namespace ServiceManager.Web.Events;

/// <summary>
/// Sends a sequence of JSON text frames to one WebSocket until the sequence ends (then closes with the reason it
/// gives), the client closes, or the server stops. It also reads what the client sends, which is nothing useful but
/// must be read to see its close.
/// </summary>
internal static class WebSocketPump
{
    /// <summary>How long a close handshake may take before the socket is simply dropped.</summary>
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(WebSocket socket, IAsyncEnumerable<byte[]> frames, Func<CloseReason> whyEnded, CancellationToken stopping)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var receiving = ReceiveUntilCloseAsync(socket, done);
        var reason = CloseReason.ShuttingDown;
        try
        {
            await foreach (var frame in frames.WithCancellation(done.Token))
                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, done.Token);
            reason = whyEnded();
        }
        catch (OperationCanceledException)
        {
            // The client closed, or the server is stopping.
        }
        catch (WebSocketException)
        {
            // The client went away without a close handshake.
        }

        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            var status = socket.State == WebSocketState.CloseReceived ? WebSocketCloseStatus.NormalClosure : reason.Status;
            using var timeout = new CancellationTokenSource(CloseWait);
            try
            {
                await socket.CloseOutputAsync(status, socket.State == WebSocketState.CloseReceived ? "" : reason.Text, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Gone meanwhile.
            }
        }

        await done.CancelAsync();
        await receiving;
    }

    private static async Task ReceiveUntilCloseAsync(WebSocket socket, CancellationTokenSource done)
    {
        var buffer = new byte[1024];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, done.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Closed or aborted: either way nothing more to read.
        }

        await done.CancelAsync();
    }
}
