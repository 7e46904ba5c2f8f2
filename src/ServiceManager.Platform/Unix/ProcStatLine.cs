using System.Buffers.Text;

namespace ServiceManager.Platform.Unix;

/// <summary>
/// The one parser of <c>/proc/PID/stat</c>, on bytes so the metrics cycle allocates nothing per process; both
/// <see cref="ProcStat"/> and the metrics sampler use it.
/// </summary>
public static class ProcStatLine
{
    // Positions counted from field 3 (state), which comes right after the command name.
    private const int ParentField = 4 - 3;
    private const int ProcessGroupField = 5 - 3;
    private const int SessionField = 6 - 3;
    private const int UserTimeField = 14 - 3;
    private const int SystemTimeField = 15 - 3;
    private const int ThreadsField = 20 - 3;
    private const int StartTimeField = 22 - 3;
    private const int RssField = 24 - 3;

    /// <summary>Units of the tick fields (USER_HZ, normally 100).</summary>
    public static long TicksPerSecond { get; } = LibC.sysconf(LibC._SC_CLK_TCK) is > 0 and var hz ? hz : 100;

    /// <summary>False when the line does not reach field 6 (session) or a number in it is malformed.</summary>
    public static bool TryParse(int pid, ReadOnlySpan<byte> text, out ProcStatFields fields)
    {
        fields = default;
        // Field 2, the command name, is in parentheses and may itself contain spaces and ')': cut after the last ')'.
        var close = text.LastIndexOf((byte)')');
        if (close < 0 || close + 2 >= text.Length) return false;
        var rest = text[(close + 2)..];
        var state = rest[0];

        long parent = 0, processGroup = 0, session = 0, userTime = 0, systemTime = 0, threads = 0, startTime = 0, rss = 0;
        var field = 0;
        while (true)
        {
            var space = rest.IndexOf((byte)' ');
            var token = space < 0 ? rest.TrimEnd((byte)'\n') : rest[..space];
            if (field is ParentField or ProcessGroupField or SessionField or UserTimeField or SystemTimeField or ThreadsField
                or StartTimeField or RssField)
            {
                if (!Utf8Parser.TryParse(token, out long value, out var consumed) || consumed != token.Length) return false;
                switch (field)
                {
                    case ParentField: parent = value; break;
                    case ProcessGroupField: processGroup = value; break;
                    case SessionField: session = value; break;
                    case UserTimeField: userTime = value; break;
                    case SystemTimeField: systemTime = value; break;
                    case ThreadsField: threads = value; break;
                    case StartTimeField: startTime = value; break;
                    case RssField: rss = value; break;
                }
            }
            if (space < 0 || field == RssField) break;
            rest = rest[(space + 1)..];
            field++;
        }
        if (field < SessionField) return false;

        fields = new ProcStatFields(
            pid, state, (int)parent, (int)processGroup, (int)session, userTime + systemTime, (int)threads, startTime, rss,
            HasUsage: field == RssField);
        return true;
    }
}
