namespace ServiceManager.Protocol.Messages;

/// <summary>Result of <c>remove</c>: the ids of the instances stopped and forgotten.</summary>
public sealed record RemoveResult(IReadOnlyList<string> Removed);
