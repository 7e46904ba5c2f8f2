using System.Text;

namespace ServiceManager.Platform.Unix;

/// <summary>The few fields of /proc/PID/stat most of svcmgr needs (the metrics sampler reads <see cref="ProcStatFields"/>).</summary>
/// <param name="StartTime">Field 22: when the process started, in clock ticks after boot. With the pid it identifies
/// one process for good: a recycled pid has a later start time. 0 when the line was too short to hold it.</param>
public sealed record ProcStat(int Pid, char State, int ParentPid, int ProcessGroup, int Session, ulong StartTime = 0)
{
    /// <summary>Dead, only waiting to be reaped: it holds no port and runs no code.</summary>
    public bool IsZombie => State is 'Z' or 'X';

    /// <summary>Null when the process is gone (or was never there).</summary>
    public static ProcStat? Read(int pid)
    {
        Span<byte> path = stackalloc byte[ProcPath.MaxLength];
        ProcPath.Format(path, pid, "stat"u8);
        // A stat line is at most a few hundred bytes (the command name is capped at 64).
        Span<byte> text = stackalloc byte[1024];
        var length = RawFile.Read(path, text);
        return length > 0 ? From(pid, text[..length]) : null;
    }

    /// <summary>Every live process, read from /proc; processes that vanish meanwhile are skipped.</summary>
    public static IEnumerable<ProcStat> ReadAll()
    {
        foreach (var pid in ProcScan.Pids())
        {
            if (Read(pid) is { } stat) yield return stat;
        }
    }

    internal static ProcStat? Parse(int pid, string text) => From(pid, Encoding.UTF8.GetBytes(text));

    private static ProcStat? From(int pid, ReadOnlySpan<byte> text) =>
        ProcStatLine.TryParse(pid, text, out var f)
            ? new ProcStat(pid, (char)f.State, f.ParentPid, f.ProcessGroup, f.Session, (ulong)Math.Max(0, f.StartTicks))
            : null;
}
