namespace ServiceManager.Daemon.Persistence;

internal sealed record HealthRecord(string Endpoint, long IntervalMs, long TimeoutMs);
