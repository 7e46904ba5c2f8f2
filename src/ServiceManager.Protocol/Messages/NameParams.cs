namespace ServiceManager.Protocol.Messages;

/// <summary>Params of <c>status</c>.</summary>
public sealed record NameParams(string Name);
