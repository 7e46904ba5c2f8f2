namespace ServiceManager.Protocol.Messages;

/// <summary>Params of <c>remove</c> and <c>kill</c>.</summary>
public sealed record NamesParams(IReadOnlyList<string> Names);
