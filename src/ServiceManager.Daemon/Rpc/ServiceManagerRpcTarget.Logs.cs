using ServiceManager.Logs;
using ServiceManager.Platform;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Rpc;

internal sealed partial class ServiceManagerRpcTarget
{
    private const int DefaultLines = 50;

    /// <summary>Lines a follower may have queued before it counts as too slow and is dropped.</summary>
    private const int FollowerQueueCapacity = 10_000;

    public Task<LogsResult> LogsAsync(LogsParams? request = null, CancellationToken cancellationToken = default)
    {
        var (names, lines, follow, stream) = request ?? new LogsParams();
        OutputStream? only = stream switch
        {
            null => null,
            "stdout" => OutputStream.Stdout,
            "stderr" => OutputStream.Stderr,
            _ => throw FleetException.InvalidRequest($"unknown stream '{stream}'; use stdout or stderr"),
        };
        var count = lines ?? DefaultLines;
        if (count < 0) throw FleetException.InvalidRequest("\"lines\" must not be negative");

        var ids = names is { Count: > 0 } ? Targets(names) : Fleet.List().OrderBy(s => s.NumericId).Select(s => s.Id).ToList();
        var logs = new List<InstanceLog>(ids.Count);
        foreach (var id in ids)
            if (Fleet.TryGetLog(id, out var log)) logs.Add(log);

        if (!follow)
            return Task.FromResult(new LogsResult(Backlog(logs.Select(l => l.Tail(count, only)), count), null));

        // Subscribing with a replay takes history and live lines under one lock: no gap and no repeat.
        var followers = logs.Select(l => l.Follow(FollowerQueueCapacity, replayLines: count, replayStream: only)).ToList();
        var backlog = new List<LogEntry>[followers.Count];
        for (var i = 0; i < followers.Count; i++)
        {
            backlog[i] = [];
            while (backlog[i].Count < count && followers[i].Reader.TryRead(out var entry))
                if (only is null || entry.Stream == only) backlog[i].Add(entry);
        }

        var subscription = connection.Subscribe((id, ct) => PumpAsync(id, followers, only, ct));
        return Task.FromResult(new LogsResult(Backlog(backlog, count), subscription));
    }

    public Task<EmptyResult> UnsubscribeAsync(SubscriptionParams request, CancellationToken cancellationToken = default) =>
        connection.Unsubscribe(request.Subscription)
            ? Task.FromResult(EmptyResult.Instance)
            : throw FleetException.NotFound($"no such subscription '{request.Subscription}'");

    /// <summary>The newest <paramref name="count"/> lines across instances, oldest first.</summary>
    private static IReadOnlyList<LogLine> Backlog(IEnumerable<IReadOnlyList<LogEntry>> perInstance, int count) =>
        [.. perInstance.SelectMany(x => x).OrderBy(e => e.At).TakeLast(count).Select(WireMapping.Line)];

    private async Task PumpAsync(string subscription, List<LogFollower> followers, OutputStream? only, CancellationToken ct)
    {
        try
        {
            await Task.WhenAll(followers.Select(f => PumpOneAsync(subscription, f, only, ct)));
            // Every follower ended without being cancelled: the instances were removed (their logs closed).
            if (!ct.IsCancellationRequested)
            {
                await connection.SendNotificationAsync(RpcMethods.SubscriptionEnded, new SubscriptionEndedNotification(subscription, "the followed instances were removed"), ProtocolJsonContext.Default.SubscriptionEndedNotification);
                connection.Unsubscribe(subscription);
            }
        }
        finally
        {
            foreach (var follower in followers) follower.Dispose();
        }
    }

    private async Task PumpOneAsync(string subscription, LogFollower follower, OutputStream? only, CancellationToken ct)
    {
        try
        {
            await foreach (var entry in follower.Reader.ReadAllAsync(ct))
                if (only is null || entry.Stream == only)
                    await connection.SendNotificationAsync(RpcMethods.LogNotification, new LogNotification(subscription, WireMapping.Line(entry)), ProtocolJsonContext.Default.LogNotification);
        }
        catch (FollowerDroppedException ex)
        {
            await connection.SendNotificationAsync(RpcMethods.SubscriptionEnded, new SubscriptionEndedNotification(subscription, ex.Message), ProtocolJsonContext.Default.SubscriptionEndedNotification);
            connection.Unsubscribe(subscription);
        }
    }
}
