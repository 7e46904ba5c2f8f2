namespace ServiceManager.Protocol.Messages;

/// <summary>Result of <c>logs</c>: the backlog, and with <c>follow</c> the subscription that <c>log</c> notifications carry.</summary>
public sealed record LogsResult(IReadOnlyList<LogLine> Lines, string? Subscription);
