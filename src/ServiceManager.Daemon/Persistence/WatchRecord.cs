namespace ServiceManager.Daemon.Persistence;

internal sealed record WatchRecord(IReadOnlyList<string> Paths, IReadOnlyList<string> Ignore, long DebounceMs);
