namespace ServiceManager.Protocol.Messages;

/// <summary>One recorded state change of an instance.</summary>
public sealed record TransitionInfo(string From, string To, DateTimeOffset At, string Reason);
