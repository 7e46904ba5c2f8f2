using System.Runtime.InteropServices;

namespace ServiceManager.Platform.Tests;

internal static partial class NativeTestHelpers
{
    /// <summary>dup(2) returns a descriptor without FD_CLOEXEC: exactly what a daemon can inherit and must not pass on.</summary>
    [LibraryImport("libc", SetLastError = true)]
    public static partial int dup(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int dup2(int fd, int newFd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    public static int ThreadCount() =>
        int.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("Threads:", StringComparison.Ordinal))[8..].Trim(),
            System.Globalization.CultureInfo.InvariantCulture);
}
