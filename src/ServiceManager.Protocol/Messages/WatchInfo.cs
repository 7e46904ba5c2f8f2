namespace ServiceManager.Protocol.Messages;

/// <summary><c>watch</c>, <c>watch_ignore</c> and <c>watch_debounce</c> as configured.</summary>
public sealed record WatchInfo(IReadOnlyList<string> Paths, IReadOnlyList<string> Ignore, long DebounceMs);
