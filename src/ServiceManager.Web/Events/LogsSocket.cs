using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Client;
using ServiceManager.Protocol.Messages;
using ServiceManager.Web.Api;
using Microsoft.Extensions.DependencyInjection;

namespace ServiceManager.Web.Events;

/// <summary>
/// <c>GET /ws/logs/{name}?lines=N&amp;stream=</c>: the last N lines (default 50), then live ones, one <c>LogLine</c>
/// JSON text frame each. Each socket has its own daemon connection and <c>logs</c> follow subscription, so the
/// backlog and the live lines come without gap or repeat.
/// </summary>
internal static class LogsSocket
{
    public static async Task HandleAsync(HttpContext context)
    {
        EventsSocket.RequireWebSocket(context);
        var name = Respond.Route(context, "name");
        var lines = Respond.QueryInt(context, "lines", 0, InstanceEndpoints.MaxLogLines) ?? InstanceEndpoints.DefaultLogLines;
        var stream = Respond.Query(context, "stream");
        if (stream is not (null or "stdout" or "stderr"))
            throw ApiErrors.BadRequest($"stream={stream}: expected stdout or stderr");

        var paths = context.RequestServices.GetRequiredService<DaemonPaths>();
        await using var client = await DaemonClient.ConnectAsync(paths.SocketPath, context.RequestAborted);
        // Before the handshake, so an unknown instance is a 404 and a missing daemon a 503.
        var backlog = await client.LogsAsync(new LogsParams([name], lines, Follow: true, stream), context.RequestAborted);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var ended = CloseReason.DaemonGone;
        await WebSocketPump.RunAsync(socket, Frames(client, backlog.Lines, r => ended = r), () => ended, EventsSocket.Stopping(context));
    }

    private static async IAsyncEnumerable<byte[]> Frames(
        DaemonClient client, IReadOnlyList<LogLine> backlog, Action<CloseReason> end, [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var line in backlog) yield return Frame(line);
        await foreach (var notification in client.Notifications.ReadAllAsync(ct))
        {
            if (notification.Method == RpcMethods.LogNotification)
            {
                var log = notification.Params.Deserialize(ProtocolJsonContext.Default.LogNotification);
                if (log is not null) yield return Frame(log.Line);
            }
            else if (notification.Method == RpcMethods.SubscriptionEnded)
            {
                var why = notification.Params.Deserialize(ProtocolJsonContext.Default.SubscriptionEndedNotification)?.Reason ?? "ended";
                end(new CloseReason(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, Truncate($"the daemon ended the log stream: {why}")));
                yield break;
            }
        }
    }

    private static byte[] Frame(LogLine line) => JsonSerializer.SerializeToUtf8Bytes(line, WebJson.Protocol.LogLine);

    /// <summary>A close frame's reason is at most 123 bytes.</summary>
    private static string Truncate(string text)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(text) <= 123) return text;
        while (System.Text.Encoding.UTF8.GetByteCount(text) > 120) text = text[..^1];
        return text + "…";
    }
}
