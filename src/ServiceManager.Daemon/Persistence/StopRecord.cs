namespace ServiceManager.Daemon.Persistence;

internal sealed record StopRecord(int Signal, long TimeoutMs, string? Command);
