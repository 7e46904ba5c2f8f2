namespace ServiceManager.Protocol.Messages;

/// <summary>Result of <c>scale</c>: the group's members now, those added (started if the group runs) and those removed.</summary>
public sealed record ScaleResult(string Name, int Count, IReadOnlyList<string> Members, IReadOnlyList<string> Added, IReadOnlyList<string> Removed);
