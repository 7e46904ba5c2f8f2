using System.Globalization;
using System.Text;
using ServiceManager.Platform.Unix;

namespace ServiceManager.TestSupport;

/// <summary>
/// The live processes of a test's daemon, found by their environment: every child inherits SVCMGR_HOME from the
/// daemon and gets SVCMGR_INSTANCE from it. This sees children of a killed daemon too, which no daemon lists.
/// </summary>
public static class InstanceProcesses
{
    /// <summary>Live (non-zombie) processes of <paramref name="home"/> whose SVCMGR_INSTANCE is <paramref name="instance"/>.</summary>
    public static IReadOnlyList<int> Of(string home, string instance) =>
        [.. All(home).Where(p => p.Instance == instance).Select(p => p.Pid)];

    /// <summary>
    /// The running copies of an instance: the distinct sessions its live processes belong to, in ascending order.
    /// Every spawn starts a session of its own (its leader's pid is the pid the daemon reports), so one copy is one
    /// session however many processes it has. Counting processes instead mistakes a program's own helpers for
    /// copies: pyenv's <c>python3</c> shim, for one, forks short-lived helpers with the same environment before it
    /// execs the interpreter, and a scan made while the machine is busy catches them.
    /// </summary>
    public static IReadOnlyList<int> Copies(string home, string instance) =>
        [.. Of(home, instance).Select(ProcStat.Read).OfType<ProcStat>().Where(p => !p.IsZombie).Select(p => p.Session).Distinct().Order()];

    /// <summary>Every live process with SVCMGR_HOME=<paramref name="home"/> and an SVCMGR_INSTANCE.</summary>
    public static IReadOnlyList<(int Pid, string Instance)> All(string home)
    {
        var result = new List<(int, string)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (Environment(pid) is not { } env || !Processes.IsAlive(pid)) continue;
            if (env.GetValueOrDefault("SVCMGR_HOME") == home && env.TryGetValue("SVCMGR_INSTANCE", out var instance))
                result.Add((pid, instance));
        }

        return result;
    }

    /// <summary>SIGKILLs whatever a failed test may have left running (children of a daemon that was killed).</summary>
    public static void KillAll(string home)
    {
        foreach (var (pid, _) in All(home)) ServiceManager.Platform.Unix.UnixProcess.Signal(pid, 9);
    }

    private static Dictionary<string, string>? Environment(int pid)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/environ");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Encoding.UTF8.GetString(bytes).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0) result[entry[..equals]] = entry[(equals + 1)..];
        }

        return result;
    }
}
