using System.Globalization;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Reliability.Tests.Support;

/// <summary>What /proc says about one process at one moment: memory, open fds, threads, CPU time, zombie children.</summary>
internal sealed record ProcessVitals(long RssKb, int Fds, int Threads, double CpuSeconds, int ZombieChildren)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ is 100 on every Linux svcmgr runs on

    public static ProcessVitals Read(int pid)
    {
        var id = pid.ToString(CultureInfo.InvariantCulture);
        long rss = 0;
        var threads = 0;
        foreach (var line in File.ReadAllLines($"/proc/{id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            else if (line.StartsWith("Threads:", StringComparison.Ordinal)) threads = int.Parse(line.Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }

        var fds = Directory.GetFiles($"/proc/{id}/fd").Length;
        return new ProcessVitals(rss, fds, threads, CpuSecondsOf(id), ZombieChildrenOf(pid));
    }

    /// <summary>utime + stime of the process (fields 14 and 15 of /proc/PID/stat).</summary>
    private static double CpuSecondsOf(string id)
    {
        var text = File.ReadAllText($"/proc/{id}/stat");
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state): utime is field 14, stime field 15.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>Children of <paramref name="parent"/> that are dead and not reaped: the parent's bug, nobody else's.</summary>
    /// <remarks>ProcStat.ReadAll reads every entry of /proc, zombies included.</remarks>
    public static int ZombieChildrenOf(int parent) => ProcStat.ReadAll().Count(p => p.ParentPid == parent && p.IsZombie);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"rss {RssKb / 1024.0:F1} MiB, {Fds} fds, {Threads} threads, cpu {CpuSeconds:F2} s, {ZombieChildren} zombie children");
}
