using System.Runtime.InteropServices;

namespace ServiceManager.Platform.Unix;

/// <summary>glibc entry points. Constants and struct offsets are the x86_64/aarch64 Linux values.</summary>
internal static unsafe partial class LibC
{
    private const string Lib = "libc";

    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int ESRCH = 3;
    public const int EPERM = 1;
    public const int ECHILD = 10;
    public const int ENOENT = 2;
    public const int EACCES = 13;
    public const int ENOTDIR = 20;

    public const int O_RDONLY = 0;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;
    public const int F_GETFL = 3;
    public const int F_SETFL = 4;
    public const int F_DUPFD_CLOEXEC = 1030;
    public const int X_OK = 1;

    public const int SIGCHLD = 17;
    public static readonly nint SIG_DFL = 0;
    public static readonly nint SIG_IGN = 1;

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int pipe2(int* fds, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint read(int fd, byte* buffer, nint count);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint write(int fd, byte* buffer, nint count);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fcntl(int fd, int cmd, int arg);

    public const nuint FIONREAD = 0x541B;

    /// <summary>Declared with the one pointer argument FIONREAD takes.</summary>
    [LibraryImport(Lib, SetLastError = true)]
    public static partial int ioctl(int fd, nuint request, int* value);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int kill(int pid, int signal);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int waitpid(int pid, int* status, int options);

    [LibraryImport(Lib)]
    public static partial uint geteuid();

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int access(string path, int mode);

    /// <summary>glibc's <c>struct sigaction</c> is 152 bytes on x86_64; the handler is the first field.</summary>
    [LibraryImport(Lib, SetLastError = true)]
    public static partial int sigaction(int signal, SigAction* newAction, SigAction* oldAction);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int sigfillset(byte* set);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int sigemptyset(byte* set);

    public static string ErrorText(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    public static void CloseQuietly(ref int fd)
    {
        if (fd < 0) return;
        _ = close(fd);
        fd = -1;
    }

    [StructLayout(LayoutKind.Sequential, Size = 256)]
    public struct SigAction
    {
        // Oversized on purpose: only the handler is read or written, the rest must just be zero.
        public nint Handler;
    }
}
