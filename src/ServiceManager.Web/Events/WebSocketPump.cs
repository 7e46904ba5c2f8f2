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
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        // Its own token, not linked to stopping: cancelling a pending receive aborts the connection, which would
        // drop the close frame (and its reason) before it leaves.
        using var stopReceiving = new CancellationTokenSource();
        var receiving = ReceiveUntilCloseAsync(socket, sending, stopReceiving.Token);
        var reason = CloseReason.ShuttingDown;
        try
        {
            await foreach (var frame in frames.WithCancellation(sending.Token))
                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, sending.Token);
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

        // The client answers our close with its own; past the wait, it is dropped.
        try
        {
            await receiving.WaitAsync(CloseWait, CancellationToken.None);
        }
        catch (TimeoutException)
        {
            await stopReceiving.CancelAsync();
            await receiving;
        }
    }

    private static async Task ReceiveUntilCloseAsync(WebSocket socket, CancellationTokenSource sending, CancellationToken ct)
    {
        var buffer = new byte[1024];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, ct);
                if (result.MessageType == WebSocketMessageType.Close) break;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Closed or aborted: either way nothing more to read.
        }

        await sending.CancelAsync();
    }
}
