using System.Globalization;
using System.Text;

namespace ServiceManager.Platform.Unix.Cgroups;

/// <summary>
/// Where the cgroup v2 hierarchy is mounted, found in <c>/proc/self/mountinfo</c> (never assumed: a hybrid layout
/// mounts it at <c>/sys/fs/cgroup/unified</c>, a pure v2 one at <c>/sys/fs/cgroup</c>), and which cgroup a process
/// is in (<c>/proc/PID/cgroup</c>, the <c>0::PATH</c> line).
/// </summary>
/// <param name="MountPoint">The directory the hierarchy is mounted on.</param>
/// <param name="Root">The cgroup path shown at the mount point ("/" unless only a subtree was mounted).</param>
public sealed record CgroupHierarchy(string MountPoint, string Root)
{
    /// <summary>The mount through which the cgroup <paramref name="cgroupPath"/> is reachable; null when none is.</summary>
    public static CgroupHierarchy? Find(string cgroupPath)
    {
        string mountinfo;
        try
        {
            mountinfo = File.ReadAllText("/proc/self/mountinfo");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return Choose(ParseMounts(mountinfo), cgroupPath);
    }

    /// <summary>Of several cgroup2 mounts, one that shows <paramref name="cgroupPath"/>, the widest first.</summary>
    internal static CgroupHierarchy? Choose(IEnumerable<CgroupHierarchy> mounts, string cgroupPath) =>
        mounts.Where(m => m.DirectoryOf(cgroupPath) is not null).OrderBy(m => m.Root.Length).FirstOrDefault();

    /// <summary>Every cgroup2 mount in a mountinfo text (fields: id parent dev root mountpoint options [optional...] - fstype source superoptions).</summary>
    internal static IEnumerable<CgroupHierarchy> ParseMounts(string mountinfo)
    {
        foreach (var line in mountinfo.Split('\n'))
        {
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (separator < 6 || separator + 1 >= fields.Length || fields[separator + 1] != "cgroup2") continue;
            yield return new CgroupHierarchy(Unescape(fields[4]), Unescape(fields[3]));
        }
    }

    /// <summary>The cgroup v2 path of a process ("/", "/user.slice/..."); null when it is gone or has none (v1 only).</summary>
    public static string? PathOf(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cgroup");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return ParseMembership(text);
    }

    /// <summary>The path of the <c>0::</c> line of a /proc/PID/cgroup text.</summary>
    internal static string? ParseMembership(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("0::", StringComparison.Ordinal)) return line[3..];
        }
        return null;
    }

    /// <summary>The directory of cgroup <paramref name="cgroupPath"/>; null when it lies outside this mount.</summary>
    public string? DirectoryOf(string cgroupPath)
    {
        if (!cgroupPath.StartsWith('/')) return null;
        if (Root == "/") return Combine(MountPoint, cgroupPath);
        if (cgroupPath == Root) return MountPoint;
        return cgroupPath.StartsWith(Root + "/", StringComparison.Ordinal) ? Combine(MountPoint, cgroupPath[Root.Length..]) : null;
    }

    /// <summary>The cgroup path of a directory of this mount (the inverse of <see cref="DirectoryOf"/>); null outside it.</summary>
    public string? PathOfDirectory(string directory)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var mount = Path.TrimEndingDirectorySeparator(MountPoint);
        string rest;
        if (full == mount) rest = "";
        else if (full.StartsWith(mount + "/", StringComparison.Ordinal)) rest = full[mount.Length..];
        else return null;
        return Root == "/" ? (rest.Length == 0 ? "/" : rest) : Root + rest;
    }

    /// <summary>The directory of the cgroup <paramref name="pid"/> is in, through this mount; null when gone or elsewhere.</summary>
    public string? DirectoryOfProcess(int pid) => PathOf(pid) is { } path ? DirectoryOf(path) : null;

    private static string Combine(string mountPoint, string cgroupPath) =>
        cgroupPath == "/" ? mountPoint : Path.TrimEndingDirectorySeparator(mountPoint) + cgroupPath;

    /// <summary>mountinfo writes space, tab, newline and backslash in paths as octal escapes (\040).</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal)) return field;
        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1) && IsOctal(field, i + 2) && IsOctal(field, i + 3))
            {
                text.Append((char)(((field[i + 1] - '0') * 64) + ((field[i + 2] - '0') * 8) + (field[i + 3] - '0')));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }
        return text.ToString();
    }

    private static bool IsOctal(string text, int index) => index < text.Length && text[index] is >= '0' and <= '7';
}
