namespace ServiceManager.Protocol.Messages;

/// <summary>Params of the <c>subscriptionEnded</c> notification: the daemon dropped a subscription (e.g. a too slow follower).</summary>
public sealed record SubscriptionEndedNotification(string Subscription, string Reason);
