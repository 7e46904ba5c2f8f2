using System.Runtime.InteropServices;

namespace ServiceManager.Monitoring.Unix;

/// <summary>
/// The few libc calls procfs sampling needs. Raw open/read and opendir/readdir take byte paths, so reading hundreds of
/// small /proc files per cycle allocates no strings, handles or streams.
/// </summary>
internal static unsafe partial class ProcNative
{
    private const string Lib = "libc";

    public const int O_RDONLY = 0;
    public const int O_CLOEXEC = 0x80000;
    public const int EINTR = 4;
    public const int _SC_CLK_TCK = 2;

    /// <summary>Offset of d_name in glibc's <c>struct dirent</c> on 64-bit Linux (ino 8, off 8, reclen 2, type 1).</summary>
    public const int DirentNameOffset = 19;

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int open(byte* path, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint read(int fd, byte* buffer, nint count);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint opendir(byte* path);

    /// <summary>Null at the end of the directory (or on error); the entry is valid until the next call.</summary>
    [LibraryImport(Lib, SetLastError = true)]
    public static partial byte* readdir(nint dir);

    [LibraryImport(Lib)]
    public static partial int closedir(nint dir);

    [LibraryImport(Lib)]
    public static partial long sysconf(int name);
}
