namespace ServiceManager.Protocol.Messages;

/// <summary>Result of <c>events</c>: the subscription that <c>event</c> notifications carry.</summary>
public sealed record EventsResult(string Subscription);
