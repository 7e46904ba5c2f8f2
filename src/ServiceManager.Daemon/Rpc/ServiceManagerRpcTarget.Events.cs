using ServiceManager.Daemon.Monitoring;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Daemon.Rpc;

// events: a subscription pumping the hub's queue to this connection, ended like a slow log follower.
internal sealed partial class ServiceManagerRpcTarget
{
    public Task<EventsResult> EventsAsync(EmptyParams? request = null, CancellationToken cancellationToken = default)
    {
        // Subscribed before answering: nothing that happens after the answer is missed.
        var subscriber = services.Events.Subscribe();
        var subscription = connection.Subscribe((id, ct) => PumpEventsAsync(id, subscriber, ct));
        return Task.FromResult(new EventsResult(subscription));
    }

    private async Task PumpEventsAsync(string subscription, EventSubscriber subscriber, CancellationToken ct)
    {
        try
        {
            await foreach (var notification in subscriber.Reader.ReadAllAsync(ct))
                await connection.SendNotificationAsync(RpcMethods.EventNotification, notification with { Subscription = subscription },
                    ProtocolJsonContext.Default.EventNotification);
            if (subscriber.Dropped)
            {
                await connection.SendNotificationAsync(RpcMethods.SubscriptionEnded,
                    new SubscriptionEndedNotification(subscription, $"the client read too slowly (more than {subscriber.Capacity} events behind)"),
                    ProtocolJsonContext.Default.SubscriptionEndedNotification);
                connection.Unsubscribe(subscription);
            }
        }
        finally
        {
            services.Events.Unsubscribe(subscriber);
        }
    }
}
