using System.Globalization;

namespace ServiceManager.Benchmarks;

/// <summary>CPU time of this process's threads by name, from /proc/self/task/*/stat (utime + stime).</summary>
internal static class ThreadCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Seconds of CPU used so far by the threads named <paramref name="name"/> (comm, at most 15 chars).</summary>
    public static double Seconds(string name)
    {
        var total = 0.0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                if (!name.StartsWith(stat[(open + 1)..close], StringComparison.Ordinal))
                    continue;
                var fields = stat[(close + 2)..].Split(' ');
                // After the comm: state is field 3, so utime (14) and stime (15) are at 11 and 12.
                total += (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }
        return total;
    }
}
