using System.Globalization;

namespace ServiceManager.Platform.Unix;

/// <summary>The few fields of /proc/PID/stat svcmgr needs.</summary>
/// <param name="StartTime">Field 22: when the process started, in clock ticks after boot. With the pid it identifies
/// one process for good: a recycled pid has a later start time. 0 when the line was too short to hold it.</param>
public sealed record ProcStat(int Pid, char State, int ParentPid, int ProcessGroup, int Session, ulong StartTime = 0)
{
    /// <summary>Dead, only waiting to be reaped: it holds no port and runs no code.</summary>
    public bool IsZombie => State is 'Z' or 'X';

    /// <summary>Null when the process is gone (or was never there).</summary>
    public static ProcStat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return Parse(pid, text);
    }

    /// <summary>Every live process, read from /proc; processes that vanish meanwhile are skipped.</summary>
    public static IEnumerable<ProcStat> ReadAll()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Read(pid) is { } stat)
                yield return stat;
        }
    }

    internal static ProcStat? Parse(int pid, string text)
    {
        // The command name is in parentheses and may itself contain spaces and ')': split after the last one.
        var close = text.LastIndexOf(')');
        if (close < 0) return null;
        var fields = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 4) return null;
        // fields[0] is field 3 of proc(5), so field 22 (starttime) is fields[19].
        var startTime = fields.Length > 19 && ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : 0;
        return new ProcStat(
            pid,
            fields[0][0],
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            int.Parse(fields[2], CultureInfo.InvariantCulture),
            int.Parse(fields[3], CultureInfo.InvariantCulture),
            startTime);
    }
}
