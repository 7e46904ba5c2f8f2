using System.Globalization;

namespace ServiceManager.Platform.Unix;

/// <summary>Maps socket inodes to the processes holding them, through the <c>socket:[inode]</c> links in /proc/PID/fd.</summary>
internal static class SocketOwners
{
    /// <summary>The lowest pid holding each inode (a forked server's workers share the parent's socket); unseen inodes are absent.</summary>
    public static Dictionary<long, int> Find(IReadOnlySet<long> inodes)
    {
        var owners = new Dictionary<long, int>();
        if (inodes.Count == 0) return owners;
        foreach (var pid in ProcScan.Pids().Order())
        {
            foreach (var inode in SocketInodes(pid))
            {
                if (inodes.Contains(inode)) owners.TryAdd(inode, pid);
            }
            // Walking pids in order means the first holder found is the lowest: stop once every inode has one.
            if (owners.Count == inodes.Count) break;
        }
        return owners;
    }

    private static List<long> SocketInodes(int pid)
    {
        var result = new List<long>();
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/fd"))
            {
                if (ReadInode(fd) is { } inode) result.Add(inode);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another user's process (not readable), or one that exited meanwhile: it holds nothing we can see.
        }
        return result;
    }

    private static long? ReadInode(string fdPath)
    {
        string? target;
        try
        {
            target = new FileInfo(fdPath).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return Parse(target);
    }

    /// <summary>"socket:[12345]" → 12345; anything else (files, pipes, anon inodes) → null.</summary>
    internal static long? Parse(string? linkTarget) =>
        linkTarget is { } t && t.StartsWith("socket:[", StringComparison.Ordinal) && t.EndsWith(']')
        && long.TryParse(t.AsSpan(8, t.Length - 9), NumberStyles.None, CultureInfo.InvariantCulture, out var inode)
            ? inode
            : null;
}
