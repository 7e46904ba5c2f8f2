using System.Buffers.Text;
using ServiceManager.Monitoring.Metrics;

namespace ServiceManager.Monitoring.Unix;

/// <summary>Parses one <c>/proc/PID/stat</c> line from bytes (proc(5) field numbers in the comments).</summary>
internal static class ProcStatParser
{
    // Positions counted from field 3 (state), which comes right after the command name.
    private const int ProcessGroupField = 5 - 3;
    private const int SessionField = 6 - 3;
    private const int UserTimeField = 14 - 3;
    private const int SystemTimeField = 15 - 3;
    private const int ThreadsField = 20 - 3;
    private const int StartTimeField = 22 - 3;
    private const int RssField = 24 - 3;

    public static bool TryParse(int pid, ReadOnlySpan<byte> text, out ProcessSample sample)
    {
        sample = default;
        // Field 2, the command name, is in parentheses and may itself contain spaces and ')': cut after the last ')'.
        var close = text.LastIndexOf((byte)')');
        if (close < 0 || close + 2 >= text.Length) return false;
        var rest = text[(close + 2)..];
        var state = rest[0];

        long processGroup = 0, session = 0, userTime = 0, systemTime = 0, threads = 0, startTime = 0, rss = 0;
        var field = 0;
        while (field <= RssField)
        {
            var space = rest.IndexOf((byte)' ');
            var token = space < 0 ? rest : rest[..space];
            if (field is ProcessGroupField or SessionField or UserTimeField or SystemTimeField or ThreadsField
                or StartTimeField or RssField)
            {
                if (!Utf8Parser.TryParse(token, out long value, out _)) return false;
                switch (field)
                {
                    case ProcessGroupField: processGroup = value; break;
                    case SessionField: session = value; break;
                    case UserTimeField: userTime = value; break;
                    case SystemTimeField: systemTime = value; break;
                    case ThreadsField: threads = value; break;
                    case StartTimeField: startTime = value; break;
                    case RssField: rss = value; break;
                }
            }
            if (space < 0) break;
            rest = rest[(space + 1)..];
            field++;
        }
        if (field < RssField) return false;

        sample = new ProcessSample(pid, state, (int)processGroup, (int)session, userTime + systemTime, (int)threads, rss, startTime);
        return true;
    }
}
