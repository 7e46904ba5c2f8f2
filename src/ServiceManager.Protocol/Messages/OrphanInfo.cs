namespace ServiceManager.Protocol.Messages;

/// <summary>A process that looks like a lost child of an earlier daemon.</summary>
public sealed record OrphanInfo(int Pid, int ProcessGroup, string Command, string? Instance, string Reason);
