using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServiceManager.Web.Api;

namespace ServiceManager.Web.Events;

/// <summary><c>GET /ws</c>: the daemon's events as USM WebSocket events, one JSON text frame each.</summary>
internal static class EventsSocket
{
    public static async Task HandleAsync(HttpContext context)
    {
        RequireWebSocket(context);
        var feed = context.RequestServices.GetRequiredService<EventFeed>();
        // Subscribed before the handshake: a missing daemon is a plain 503, not an accepted socket closed at once.
        var listener = await feed.SubscribeAsync(context.RequestAborted);
        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await WebSocketPump.RunAsync(socket, listener.Frames.ReadAllAsync(), () => listener.Close, Stopping(context));
        }
        finally
        {
            feed.Unsubscribe(listener);
            listener.End(CloseReason.Normal);
        }
    }

    public static void RequireWebSocket(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
            throw ApiErrors.BadRequest($"{context.Request.Path} is a WebSocket: connect with GET and Upgrade: websocket");
    }

    public static CancellationToken Stopping(HttpContext context) =>
        context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
}
