namespace ServiceManager.Protocol.Messages;

/// <summary>Params of <c>status</c>: <paramref name="ShowEnv"/> asks for the environment's values, hidden otherwise.</summary>
public sealed record StatusParams(string Name, bool ShowEnv = false);
