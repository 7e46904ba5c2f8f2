namespace ServiceManager.Protocol.Messages;

/// <summary>Params of <c>signal</c>: a signal name ("SIGHUP", "HUP") or number, sent to the instance's process group.</summary>
public sealed record SignalParams(string Name, string Signal);
