using System.Globalization;
using System.Text;

namespace ServiceManager.Platform.Unix;

/// <summary>
/// Reads other processes from /proc: ids, command lines and environments. Every method copes with processes that
/// exit while being read and with ones we may not read (another user's): they are skipped, never an error.
/// </summary>
public static class ProcScan
{
    /// <summary>The pids of /proc, in directory order.</summary>
    public static IEnumerable<int> Pids()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                yield return pid;
        }
    }

    /// <summary>Parent, group and session of a live process; null when it is gone or a zombie (dead, not yet reaped).</summary>
    public static ProcStat? Live(int pid) => ProcStat.Read(pid) is { IsZombie: false } stat ? stat : null;

    /// <summary>argv from /proc/PID/cmdline; null when unreadable, empty for kernel threads and zombies.</summary>
    public static IReadOnlyList<string>? Arguments(int pid)
    {
        var bytes = ReadBytes(pid, "cmdline");
        if (bytes is null) return null;
        var text = Encoding.UTF8.GetString(bytes).TrimEnd('\0');
        return text.Length == 0 ? [] : text.Split('\0');
    }

    /// <summary>The command line with its arguments joined by spaces; null when unreadable or empty.</summary>
    public static string? CommandLine(int pid) =>
        Arguments(pid) is { Count: > 0 } args ? string.Join(' ', args) : null;

    /// <summary>The value of <paramref name="name"/> in the environment the process was started with (/proc/PID/environ).</summary>
    public static string? EnvironmentValue(int pid, string name)
    {
        var bytes = ReadBytes(pid, "environ");
        return bytes is null ? null : FindVariable(bytes, Encoding.UTF8.GetBytes(name + "="));
    }

    /// <summary>Every live process whose initial environment sets <paramref name="name"/>, whatever its value.</summary>
    /// <remarks>A process caught inside execve shows an empty environment for a moment and is missed: a scan is a snapshot.</remarks>
    public static IReadOnlyList<TaggedProcess> WithEnvironmentVariable(string name)
    {
        var prefix = Encoding.UTF8.GetBytes(name + "=");
        var result = new List<TaggedProcess>();
        foreach (var pid in Pids())
        {
            if (ReadBytes(pid, "environ") is not { } environ || FindVariable(environ, prefix) is not { } value) continue;
            if (Live(pid) is not { } stat) continue;
            result.Add(new TaggedProcess(stat, value, CommandLine(pid) ?? ""));
        }
        return result;
    }

    private static string? FindVariable(byte[] environ, byte[] prefix)
    {
        // NUL-separated "KEY=value" entries; only a match at the start of an entry counts.
        var rest = environ.AsSpan();
        while (rest.Length > 0)
        {
            var end = rest.IndexOf((byte)0);
            var entry = end < 0 ? rest : rest[..end];
            if (entry.StartsWith(prefix)) return Encoding.UTF8.GetString(entry[prefix.Length..]);
            if (end < 0) break;
            rest = rest[(end + 1)..];
        }
        return null;
    }

    private static byte[]? ReadBytes(int pid, string file)
    {
        try
        {
            return File.ReadAllBytes($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/{file}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
