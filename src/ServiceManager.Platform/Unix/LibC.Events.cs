using System.Runtime.InteropServices;

namespace ServiceManager.Platform.Unix;

internal static unsafe partial class LibC
{
    public const int EPOLL_CLOEXEC = O_CLOEXEC;
    public const int EPOLL_CTL_ADD = 1;
    public const int EPOLL_CTL_DEL = 2;
    public const uint EPOLLIN = 0x1;
    public const uint EPOLLERR = 0x8;
    public const uint EPOLLHUP = 0x10;

    public const int EFD_CLOEXEC = O_CLOEXEC;
    public const int EFD_NONBLOCK = O_NONBLOCK;

    public const int P_PIDFD = 3;
    public const int WNOHANG = 1;
    public const int WEXITED = 4;
    public const int CLD_EXITED = 1;
    public const int CLD_KILLED = 2;
    public const int CLD_DUMPED = 3;

    private const long SYS_pidfd_open = 434;

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int epoll_create1(int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int epoll_ctl(int epfd, int op, int fd, byte* epollEvent);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int epoll_wait(int epfd, byte* events, int maxEvents, int timeoutMs);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int eventfd(uint initial, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int waitid(int idType, int id, SigInfo* info, int options);

    public const short POLLIN = 0x1;

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport(Lib)]
    public static partial int getppid();

    [LibraryImport(Lib, SetLastError = true)]
    private static partial long syscall(long number, long arg1, long arg2);

    /// <summary>Through syscall() because glibc only gained a pidfd_open wrapper in 2.36.</summary>
    public static int pidfd_open(int pid) => (int)syscall(SYS_pidfd_open, pid, 0);

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    /// <summary>siginfo_t as filled in for SIGCHLD/waitid: 128 bytes, si_code at 8, si_pid at 16, si_status at 24.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    public struct SigInfo
    {
        [FieldOffset(0)] public int Signo;
        [FieldOffset(8)] public int Code;
        [FieldOffset(16)] public int Pid;
        [FieldOffset(24)] public int Status;
    }
}
