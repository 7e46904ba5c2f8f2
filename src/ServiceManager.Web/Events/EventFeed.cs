using Microsoft.Extensions.Logging;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Client;

namespace ServiceManager.Web.Events;

/// <summary>
/// One <c>events</c> subscription on the daemon, shared by every <c>/ws</c> client: each daemon event is translated
/// once (<see cref="UsmEvents"/>) and queued for every listener in the order it came, so all clients see the same
/// events in the same order and the daemon serves one subscriber however many browsers are open. When the daemon
/// goes away every listener is ended with that reason; the next subscriber connects anew.
/// </summary>
internal sealed partial class EventFeed(DaemonPaths paths, ILogger<EventFeed> logger) : IAsyncDisposable
{
    /// <summary>Frames a client may have queued before it counts as too slow and is disconnected.</summary>
    public const int ListenerCapacity = 4096;

    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private FeedConnection? _current;

    /// <exception cref="DaemonUnreachableException">No daemon to subscribe to.</exception>
    public async Task<EventListener> SubscribeAsync(CancellationToken ct)
    {
        var listener = new EventListener(ListenerCapacity);
        while (true)
        {
            var connection = await ConnectionAsync(ct);
            if (connection.TryAdd(listener)) return listener;
            // It ended between the check and the add: the next round connects anew.
        }
    }

    public void Unsubscribe(EventListener listener) => _current?.Remove(listener);

    private async Task<FeedConnection> ConnectionAsync(CancellationToken ct)
    {
        await _connectLock.WaitAsync(ct);
        try
        {
            if (_current is { Ended: false } live) return live;
            var client = await DaemonClient.ConnectAsync(paths.SocketPath, ct);
            try
            {
                await client.EventsAsync(ct);
            }
            catch
            {
                await client.DisposeAsync();
                throw;
            }

            _current = new FeedConnection(client);
            _ = Task.Run(() => PumpAsync(_current));
            return _current;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async Task PumpAsync(FeedConnection connection)
    {
        var reason = CloseReason.DaemonGone;
        try
        {
            await foreach (var notification in connection.Client.Notifications.ReadAllAsync())
            {
                if (notification.Method == RpcMethods.EventNotification)
                {
                    var e = System.Text.Json.JsonSerializer.Deserialize(notification.Params, ProtocolJsonContext.Default.EventNotification);
                    if (e is not null) connection.Broadcast(UsmEvents.Translate(e));
                }
                else if (notification.Method == RpcMethods.SubscriptionEnded)
                {
                    // The daemon found this feed too slow; the clients reconnect and get a fresh one.
                    reason = new CloseReason(System.Net.WebSockets.WebSocketCloseStatus.EndpointUnavailable, "the daemon ended the event stream; reconnect");
                    break;
                }
            }
        }
#pragma warning disable CA1031 // Whatever ends the pump, its listeners must be told and the next subscriber reconnect.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogPumpFailed(logger, ex);
        }

        connection.End(reason);
        await connection.Client.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_current is { } connection)
        {
            connection.End(CloseReason.ShuttingDown);
            await connection.Client.DisposeAsync();
        }

        _connectLock.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "the daemon's event stream failed")]
    private static partial void LogPumpFailed(ILogger logger, Exception exception);

    /// <summary>One daemon connection and the listeners fed from it.</summary>
    private sealed class FeedConnection(DaemonClient client)
    {
        private readonly Lock _gate = new();
        // Copied on change so that broadcasting reads it without the lock.
        private volatile EventListener[] _listeners = [];

        public DaemonClient Client => client;

        public bool Ended { get; private set; }

        public bool TryAdd(EventListener listener)
        {
            lock (_gate)
            {
                if (Ended) return false;
                _listeners = [.. _listeners, listener];
                return true;
            }
        }

        public void Remove(EventListener listener)
        {
            lock (_gate) _listeners = [.. _listeners.Where(l => l != listener)];
        }

        public void Broadcast(IReadOnlyList<byte[]> frames)
        {
            if (frames.Count == 0) return;
            foreach (var listener in _listeners)
            {
                foreach (var frame in frames)
                {
                    if (listener.Offer(frame)) continue;
                    Remove(listener);
                    break;
                }
            }
        }

        public void End(CloseReason reason)
        {
            EventListener[] listeners;
            lock (_gate)
            {
                Ended = true;
                listeners = _listeners;
                _listeners = [];
            }

            foreach (var listener in listeners) listener.End(reason);
        }
    }
}
