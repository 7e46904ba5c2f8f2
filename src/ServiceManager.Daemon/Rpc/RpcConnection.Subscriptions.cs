using System.Collections.Concurrent;
using System.Globalization;

namespace ServiceManager.Daemon.Rpc;

internal sealed partial class RpcConnection
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _subscriptions = new();
    private int _nextSubscription;

    /// <summary>
    /// Runs <paramref name="pump"/> until it ends, the client unsubscribes or the connection closes; returns the
    /// subscription id the client uses in <c>unsubscribe</c>.
    /// </summary>
    public string Subscribe(Func<string, CancellationToken, Task> pump)
    {
        var id = "s" + Interlocked.Increment(ref _nextSubscription).ToString(CultureInfo.InvariantCulture);
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(Closing);
        _subscriptions[id] = cancel;
        _ = RunSubscriptionAsync(id, pump, cancel);
        return id;
    }

    public bool Unsubscribe(string id)
    {
        if (!_subscriptions.TryRemove(id, out var cancel)) return false;
        cancel.Cancel();
        return true;
    }

    private async Task RunSubscriptionAsync(string id, Func<string, CancellationToken, Task> pump, CancellationTokenSource cancel)
    {
        // Let the response carrying the subscription id go out before the first notification.
        await Task.Yield();
        try
        {
            await pump(id, cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // The client went away; RunAsync notices on its side and closes.
        }
        finally
        {
            _subscriptions.TryRemove(id, out _);
            cancel.Dispose();
        }
    }

    private void DisposeSubscriptions()
    {
        foreach (var id in _subscriptions.Keys) Unsubscribe(id);
    }
}
