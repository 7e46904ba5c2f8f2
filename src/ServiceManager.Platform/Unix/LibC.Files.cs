using System.Runtime.InteropServices;

namespace ServiceManager.Platform.Unix;

internal static unsafe partial class LibC
{
    public const int O_WRONLY = 1;
    public const int O_DIRECTORY = 0x10000;
    public const int O_PATH = 0x200000;
    public const int EEXIST = 17;
    public const int _SC_CLK_TCK = 2;

    /// <summary>Offset of d_name in glibc's <c>struct dirent</c> on 64-bit Linux (ino 8, off 8, reclen 2, type 1).</summary>
    public const int DirentNameOffset = 19;

    [LibraryImport(Lib, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags);

    /// <summary>With a NUL-terminated byte path: no string is marshalled (the metrics cycle opens hundreds of files).</summary>
    [LibraryImport(Lib, EntryPoint = "open", SetLastError = true)]
    public static partial int open(byte* path, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fsync(int fd);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mkdir(string path, uint mode);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rmdir(string path);

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
