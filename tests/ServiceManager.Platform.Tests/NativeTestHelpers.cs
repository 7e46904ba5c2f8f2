using System.Runtime.InteropServices;

namespace ServiceManager.Platform.Tests;

internal static unsafe partial class NativeTestHelpers
{
    /// <summary>dup(2) returns a descriptor without FD_CLOEXEC: exactly what a daemon can inherit and must not pass on.</summary>
    [LibraryImport("libc", SetLastError = true)]
    public static partial int dup(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int dup2(int fd, int newFd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    public const int SIG_BLOCK = 0;
    public const int SIG_SETMASK = 2;

    /// <summary>glibc's sigset_t is 128 bytes; signal N is bit N-1.</summary>
    [LibraryImport("libc")]
    public static partial int pthread_sigmask(int how, ulong* set, ulong* old);

    /// <summary>The signal masks of /proc/PID/status (SigPnd, SigBlk, SigIgn, SigCgt), by name.</summary>
    public static Dictionary<string, ulong> SignalMasks(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("Sig", StringComparison.Ordinal) && !l.StartsWith("SigQ", StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)], l => Convert.ToUInt64(l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), 16));

    /// <summary>The open descriptors of a process, from /proc/PID/fd.</summary>
    public static IReadOnlyList<int> OpenDescriptors(int pid) =>
        [.. Directory.GetFiles($"/proc/{pid}/fd").Select(f => int.Parse(Path.GetFileName(f), System.Globalization.CultureInfo.InvariantCulture)).Order()];

    public static int ThreadCount() =>
        int.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("Threads:", StringComparison.Ordinal))[8..].Trim(),
            System.Globalization.CultureInfo.InvariantCulture);
}
