namespace ServiceManager.Protocol.Messages;

/// <summary>Params of <c>scale</c>: a replica group and its new number of members (at least 1).</summary>
public sealed record ScaleParams(string Name, int Count);
