using System.Runtime.InteropServices;

namespace ServiceManager.Platform.Unix;

internal static partial class LibC
{
    [LibraryImport(Lib, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fsync(int fd);
}
