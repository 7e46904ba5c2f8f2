using System.Text.Json;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Client;
using ServiceManager.Protocol.Messages;
using ServiceManager.Tui.Rendering;
using ServiceManager.Tui.Screens;
using ServiceManager.Tui.State;

namespace ServiceManager.Tui.Session;

/// <summary>
/// The TUI's link to the daemon: one connection with an <c>events</c> subscription (and a <c>logs</c> one while a
/// log screen is open), the commands keys produce, and reconnection when the daemon goes away. Nothing here polls:
/// the screens change when the daemon says something changed.
/// </summary>
public sealed class TopSession(string socketPath, TopModel model, IUiThread ui, TimeProvider time)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private readonly HashSet<string> _staleLogSubscriptions = new(StringComparer.Ordinal);
    private DaemonClient? _client;
    private TopCommand.FollowLogs? _wantedLogs;
    private string? _logSubscription;
    private bool _refreshing, _refreshAgain;

    private DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Connects, listens and reconnects until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var client = await DaemonClient.ConnectAsync(socketPath, cancellationToken);
                var instances = await client.ListAsync(new ListParams(), cancellationToken);
                await client.EventsAsync(cancellationToken);
                lock (_gate) _client = client;
                ui.Post(() => model.ConnectionRestored(instances, Now));
                TopCommand.FollowLogs? logs;
                lock (_gate) logs = _wantedLogs;
                if (logs is not null) _ = FollowLogsAsync(logs);

                await foreach (var notification in client.Notifications.ReadAllAsync(cancellationToken)) Dispatch(notification);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is DaemonUnreachableException or RpcErrorException or IOException or JsonException)
            {
                // Shown as "not reachable" below; the reason itself does not help the user at this point.
            }
            finally
            {
                lock (_gate)
                {
                    _client = null;
                    _logSubscription = null;
                }
            }

            if (cancellationToken.IsCancellationRequested) break;
            ui.Post(model.ConnectionLost);
            try
            {
                await Task.Delay(RetryDelay, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private void Dispatch(RpcNotification notification)
    {
        switch (notification.Method)
        {
            case RpcMethods.EventNotification:
                var e = notification.Params.Deserialize(ProtocolJsonContext.Default.EventNotification);
                if (e is not null) ui.Post(() => Execute(model.OnEvent(e)));
                break;
            case RpcMethods.LogNotification:
                var log = notification.Params.Deserialize(ProtocolJsonContext.Default.LogNotification);
                if (log is null) break;
                lock (_gate)
                {
                    if (_staleLogSubscriptions.Contains(log.Subscription)) break;
                }
                ui.Post(() => model.OnLogLine(log.Line));
                break;
            case RpcMethods.SubscriptionEnded:
                var ended = notification.Params.Deserialize(ProtocolJsonContext.Default.SubscriptionEndedNotification);
                if (ended is not null) ui.Post(() => model.Say($"the daemon ended a subscription: {ended.Reason}", Now, Style.Warning));
                break;
        }
    }

    /// <summary>Carries out what keys and events asked for; called on the UI thread, the calls run in the background.</summary>
    public void Execute(IReadOnlyList<TopCommand> commands)
    {
        foreach (var command in commands)
        {
            switch (command)
            {
                case TopCommand.Quit:
                    ui.Quit();
                    break;
                case TopCommand.Refresh:
                    RequestRefresh();
                    break;
                case TopCommand.Start start:
                    _ = ActAsync(c => c.StartAsync(new TargetParams([start.Name])), $"started {start.Name}", $"{start.Name} already runs");
                    break;
                case TopCommand.Stop stop:
                    _ = ActAsync(c => c.StopAsync(new TargetParams([stop.Name])), $"stopped {stop.Name}", $"{stop.Name} was not running");
                    break;
                case TopCommand.Restart restart:
                    _ = ActAsync(c => c.RestartAsync(new TargetParams([restart.Name])), $"restarted {restart.Name}", $"{restart.Name} unchanged");
                    break;
                case TopCommand.Remove remove:
                    _ = CallAsync(async c =>
                    {
                        await c.RemoveAsync([remove.Name]);
                        return $"removed {remove.Name}";
                    });
                    break;
                case TopCommand.LoadDetail load:
                    _ = LoadDetailAsync(load.Name);
                    break;
                case TopCommand.FollowLogs follow:
                    lock (_gate) _wantedLogs = follow;
                    _ = FollowLogsAsync(follow);
                    break;
                case TopCommand.StopLogs:
                    _ = StopLogsAsync();
                    break;
            }
        }
    }

    private Task ActAsync(Func<DaemonClient, Task<BulkResult>> call, string done, string unchanged) =>
        CallAsync(async c => (await call(c)).Done.Count > 0 ? done : unchanged);

    private async Task CallAsync(Func<DaemonClient, Task<string>> call)
    {
        var client = CurrentClient();
        if (client is null)
        {
            ui.Post(() => model.Say(TopModel.Unreachable, Now, Style.Warning));
            return;
        }
        try
        {
            var message = await call(client);
            ui.Post(() => model.Say(message, Now, Style.Good));
        }
        catch (Exception ex) when (ex is RpcErrorException or DaemonUnreachableException)
        {
            ui.Post(() => model.Say(ex.Message, Now, Style.Bad));
        }
    }

    private void RequestRefresh()
    {
        lock (_gate)
        {
            if (_refreshing)
            {
                _refreshAgain = true;
                return;
            }
            _refreshing = true;
        }
        _ = RefreshLoopAsync();
    }

    // One list call at a time; a burst of events during it costs one more call, not one per event.
    private async Task RefreshLoopAsync()
    {
        while (true)
        {
            var client = CurrentClient();
            if (client is not null)
            {
                try
                {
                    var instances = await client.ListAsync(new ListParams());
                    ui.Post(() => model.Fleet.ReplaceAll(instances, Now));
                }
                catch (Exception ex) when (ex is RpcErrorException or DaemonUnreachableException)
                {
                    // The connection loop notices a lost daemon; a failed refresh waits for the next event.
                }
            }
            lock (_gate)
            {
                if (!_refreshAgain)
                {
                    _refreshing = false;
                    return;
                }
                _refreshAgain = false;
            }
        }
    }

    private async Task LoadDetailAsync(string name)
    {
        var client = CurrentClient();
        if (client is null) return;
        try
        {
            var detail = await client.StatusAsync(name);
            // The values too: the detail screen masks them itself until the user presses `e`.
            var inspect = await client.InspectAsync(name, showEnv: true);
            ui.Post(() => model.OnDetail(name, detail, inspect));
        }
        catch (Exception ex) when (ex is RpcErrorException or DaemonUnreachableException)
        {
            ui.Post(() => model.OnDetailFailed(name, ex.Message));
        }
    }

    private async Task FollowLogsAsync(TopCommand.FollowLogs follow)
    {
        await StopLogsAsync(forget: false);
        var client = CurrentClient();
        if (client is null) return;
        try
        {
            var result = await client.LogsAsync(new LogsParams(follow.Names.Count == 0 ? null : follow.Names, follow.Backlog, true));
            lock (_gate) _logSubscription = result.Subscription;
            ui.Post(() => model.OnLogBacklog(result.Lines));
        }
        catch (Exception ex) when (ex is RpcErrorException or DaemonUnreachableException)
        {
            ui.Post(() => model.Say(ex.Message, Now, Style.Bad));
        }
    }

    private async Task StopLogsAsync(bool forget = true)
    {
        DaemonClient? client;
        string? subscription;
        lock (_gate)
        {
            if (forget) _wantedLogs = null;
            client = _client;
            subscription = _logSubscription;
            _logSubscription = null;
            if (subscription is not null) _staleLogSubscriptions.Add(subscription);
        }
        if (client is null || subscription is null) return;
        try
        {
            await client.UnsubscribeAsync(subscription);
        }
        catch (Exception ex) when (ex is RpcErrorException or DaemonUnreachableException)
        {
            // Already gone (the instance was removed, or the connection): nothing left to stop.
        }
    }

    private DaemonClient? CurrentClient()
    {
        lock (_gate) return _client;
    }
}
