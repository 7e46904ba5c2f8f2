using System.Globalization;

namespace ServiceManager.Supervision.Tests.Support;

/// <summary>Looks at real processes through /proc.</summary>
internal static class Processes
{
    /// <summary>True while the process exists and is not a zombie (a zombie is dead, just not reaped by its parent).</summary>
    public static bool IsLive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Every live process in process group <paramref name="pgid"/>.</summary>
    public static IReadOnlyList<int> LiveMembersOfGroup(int pgid)
    {
        var result = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] != "Z" && fields[2] == pgid.ToString(CultureInfo.InvariantCulture)) result.Add(pid);
            }
            catch (IOException)
            {
            }
        }
        return result;
    }

    public static async Task<int> ReadPidFileAsync(string path)
    {
        await Eventually.TrueAsync(
            () => File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), out _), $"pid file {path}");
        return int.Parse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture);
    }
}
