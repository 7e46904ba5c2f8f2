using ServiceManager.Platform;

namespace ServiceManager.Logs;

/// <summary>The last N entries of an instance, oldest overwritten first. Thread-safe.</summary>
internal sealed class LogRingBuffer
{
    private readonly LogEntry[] _entries;
    private readonly Lock _lock = new();
    private int _next;
    private int _count;

    public LogRingBuffer(int capacity) => _entries = new LogEntry[capacity];

    public void AddRange(List<LogEntry> entries)
    {
        lock (_lock)
        {
            foreach (var entry in entries)
            {
                _entries[_next] = entry;
                _next = (_next + 1) % _entries.Length;
                _count = Math.Min(_count + 1, _entries.Length);
            }
        }
    }

    /// <summary>Up to <paramref name="count"/> of the newest entries, of one stream or both, oldest first.</summary>
    public LogEntry[] Tail(int count, OutputStream? stream) =>
        Tail(count, entry => stream is null || entry.Stream == stream.Value);

    /// <summary>Up to <paramref name="count"/> of the newest entries that <paramref name="match"/>, oldest first.</summary>
    public LogEntry[] Tail(int count, Func<LogEntry, bool> match)
    {
        if (count <= 0)
        {
            return [];
        }

        lock (_lock)
        {
            // Walk back from the newest so a filter still yields the newest `count` matches.
            var found = new List<LogEntry>(Math.Min(count, _count));
            for (var seen = 0; seen < _count && found.Count < count; seen++)
            {
                var entry = _entries[(_next - 1 - seen + _entries.Length) % _entries.Length];
                if (match(entry))
                {
                    found.Add(entry);
                }
            }

            found.Reverse();
            return [.. found];
        }
    }
}
