using System.Runtime.InteropServices;

namespace ServiceManager.Platform.Unix;

/// <summary>Plain kill(2) on a pid, for pidfiles and the like (children have <see cref="IChildProcess"/>).</summary>
public static class UnixProcess
{
    /// <summary>True when a process (or, for a negative pid, a process group) exists, even one we may not signal.</summary>
    /// <remarks>0 and -1 are refused: kill(2) reads them as "my group" and "everyone", never what a pidfile meant.</remarks>
    public static bool Exists(int pid) =>
        IsSinglePidOrGroup(pid) && (LibC.kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == LibC.EPERM);

    /// <summary>False when the process is gone or may not be signalled.</summary>
    public static bool Signal(int pid, int signal) => IsSinglePidOrGroup(pid) && LibC.kill(pid, signal) == 0;

    private static bool IsSinglePidOrGroup(int pid) => pid is not (0 or -1);
}
