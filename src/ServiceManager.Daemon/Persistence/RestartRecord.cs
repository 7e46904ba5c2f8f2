namespace ServiceManager.Daemon.Persistence;

/// <param name="Policy"><c>always</c>, <c>on-failure</c> or <c>never</c>.</param>
internal sealed record RestartRecord(string Policy, long BackoffInitialMs, long BackoffMaxMs, int MaxRestartsPerMinute, long MinUptimeMs);
