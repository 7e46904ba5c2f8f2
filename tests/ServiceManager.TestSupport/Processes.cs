using System.Globalization;

namespace ServiceManager.TestSupport;

/// <summary>
/// Whether a process still runs, read from /proc. A zombie counts as gone: it is dead and only waits for its parent
/// to reap it (in this sandbox pid 1 never reaps orphans, so killed grandchildren stay zombies for good).
/// </summary>
public static class Processes
{
    public static bool IsAlive(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        // "pid (comm) S ...": comm may contain spaces and ')', so the state follows the last ')'.
        var close = text.LastIndexOf(')');
        if (close < 0 || close + 2 >= text.Length) return false;
        return text[close + 2] is not ('Z' or 'X');
    }

    public static Task GoneAsync(int pid, string what) =>
        Eventually.TrueAsync(() => !IsAlive(pid), $"{what} (pid {pid}) to be gone");

    /// <summary>SIGTERM to a daemon we did not start ourselves (one started by --start-daemon), then wait for it.</summary>
    public static async Task TerminateAsync(int pid, string what)
    {
        if (IsAlive(pid)) ServiceManager.Platform.Unix.UnixProcess.Signal(pid, 15);
        await GoneAsync(pid, what);
    }

    /// <summary>Waits until every pid is gone; fails naming the survivors.</summary>
    public static Task AllGoneAsync(IEnumerable<int> pids, string what, TimeSpan? timeout = null)
    {
        var list = pids.ToList();
        return Eventually.TrueAsync(() => !list.Any(IsAlive), $"{what} (pids {string.Join(", ", list)}) to be gone; alive: {string.Join(", ", list.Where(IsAlive))}", timeout);
    }

    /// <summary>Every live (non-zombie) process in process group <paramref name="pgid"/>.</summary>
    public static IReadOnlyList<int> LiveMembersOfGroup(int pgid) =>
        [.. ServiceManager.Platform.Unix.ProcStat.ReadAll().Where(p => p.ProcessGroup == pgid && !p.IsZombie).Select(p => p.Pid)];

    /// <summary>Reads a pid that a child wrote with <c>echo $! &gt; FILE</c>, waiting until the line is complete.</summary>
    public static async Task<int> ReadPidFileAsync(string path)
    {
        var text = await Eventually.GetAsync(
            () => Task.FromResult(File.Exists(path) ? File.ReadAllText(path) : ""),
            t => t.EndsWith('\n'),
            $"a pid in {path}");
        return int.Parse(text.Trim(), CultureInfo.InvariantCulture);
    }
}
