namespace ServiceManager.Protocol.Messages;

/// <summary>Result of <c>ping</c>.</summary>
public sealed record PingResult(string Version, int Pid, long UptimeMs);
