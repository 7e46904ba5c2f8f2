using ServiceManager.Protocol.Messages;

namespace ServiceManager.Tui.Screens;

/// <summary>One log line with a sequence number that stays put while older lines fall out of the buffer.</summary>
public readonly record struct NumberedLine(long Seq, LogLine Line);

/// <summary>The client's ring of log lines: the daemon's backlog, then followed lines, the oldest dropped past capacity.</summary>
public sealed class LogBuffer(int capacity)
{
    private readonly LinkedList<NumberedLine> _lines = new();
    private long _next;

    public int Count => _lines.Count;

    public IEnumerable<NumberedLine> Lines => _lines;

    public void Add(LogLine line)
    {
        _lines.AddLast(new NumberedLine(_next++, line));
        if (_lines.Count > capacity) _lines.RemoveFirst();
    }

    public void Clear() => _lines.Clear();
}
