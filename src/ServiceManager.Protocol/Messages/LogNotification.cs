namespace ServiceManager.Protocol.Messages;

/// <summary>Params of the <c>log</c> notification sent to a follower.</summary>
public sealed record LogNotification(string Subscription, LogLine Line);
