using System.Globalization;

namespace ServiceManager.Platform.Unix;

/// <summary>What this process's file descriptors refer to, read from <c>/proc/self/fd</c>.</summary>
public static class OpenFiles
{
    /// <summary>
    /// True when descriptor <paramref name="fd"/> (2: stderr) is the file <paramref name="path"/>. Both are compared as
    /// the kernel names them in /proc/self/fd, so symbolic links on either side do not matter.
    /// </summary>
    public static bool IsFile(int fd, string path)
    {
        try
        {
            if (Target(fd) is not { } target) return false;
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return Target((int)file.SafeFileHandle.DangerousGetHandle()) == target;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string? Target(int fd) => new FileInfo($"/proc/self/fd/{fd.ToString(CultureInfo.InvariantCulture)}").LinkTarget;
}
