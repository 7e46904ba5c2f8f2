namespace ServiceManager.Protocol.Messages;

/// <summary>Params of <c>unsubscribe</c>.</summary>
public sealed record SubscriptionParams(string Subscription);
