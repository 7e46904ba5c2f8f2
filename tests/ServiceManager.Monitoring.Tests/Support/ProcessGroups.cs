using System.Globalization;

namespace ServiceManager.Monitoring.Tests.Support;

/// <summary>Looks at /proc directly, independently of the code under test.</summary>
internal static class ProcessGroups
{
    /// <summary>Pids of the live (non-zombie) processes whose process group is <paramref name="pgid"/>.</summary>
    public static List<int> LiveMembers(int pgid)
    {
        var members = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue;
            }
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields[0] is "Z" or "X") continue;
            if (int.Parse(fields[2], CultureInfo.InvariantCulture) == pgid) members.Add(pid);
        }
        return members;
    }
}
