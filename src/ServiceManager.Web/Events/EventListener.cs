using System.Net.WebSockets;
using System.Threading.Channels;

namespace ServiceManager.Web.Events;

/// <summary>One <c>/ws</c> client's queue of frames. When it ends, <see cref="Close"/> says why, for the close frame.</summary>
internal sealed class EventListener
{
    private readonly Channel<byte[]> _frames;
    private readonly Lock _gate = new();
    private bool _ended;

    public EventListener(int capacity) =>
        _frames = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(capacity) { SingleReader = true });

    public ChannelReader<byte[]> Frames => _frames.Reader;

    public CloseReason Close { get; private set; } = CloseReason.Normal;

    /// <summary>Queues a frame; a client that has let its queue fill up is ended rather than waited for.</summary>
    /// <returns>False when the listener was ended for being too slow.</returns>
    public bool Offer(byte[] frame)
    {
        if (_frames.Writer.TryWrite(frame)) return true;
        End(new CloseReason(WebSocketCloseStatus.PolicyViolation, "too slow: events were not read in time; reconnect"));
        return false;
    }

    public void End(CloseReason reason)
    {
        // The first reason wins (a too-slow end is not relabelled by the daemon going away afterwards), and it is set
        // before the reader can see the queue complete.
        lock (_gate)
        {
            if (_ended) return;
            _ended = true;
            Close = reason;
        }

        _frames.Writer.TryComplete();
    }
}

/// <summary>The status and text of a WebSocket close frame (the text at most 123 bytes).</summary>
internal sealed record CloseReason(WebSocketCloseStatus Status, string Text)
{
    public static CloseReason Normal { get; } = new(WebSocketCloseStatus.NormalClosure, "");

    public static CloseReason DaemonGone { get; } = new(WebSocketCloseStatus.EndpointUnavailable, "daemon not reachable; reconnect later");

    public static CloseReason ShuttingDown { get; } = new(WebSocketCloseStatus.EndpointUnavailable, "svcmgr web is shutting down");
}
