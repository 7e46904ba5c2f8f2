using System.Runtime.InteropServices;
using System.Text;

namespace ServiceManager.Platform.Unix;

/// <summary>
/// Whole small files (procfs, cgroupfs) read and written with plain open/read/write/close: no stream, no handle, no
/// string per call, and the errno of a failed write is kept (the kernel's answer is the diagnosis for cgroup files).
/// </summary>
public static unsafe class RawFile
{
    /// <summary>Reads up to <c>buffer.Length</c> bytes; -1 when the file cannot be opened or read (a process that
    /// exited meanwhile is the usual case).</summary>
    /// <param name="nulTerminatedPath">The path as UTF-8 bytes ending with a NUL.</param>
    public static int Read(ReadOnlySpan<byte> nulTerminatedPath, Span<byte> buffer)
    {
        int fd;
        fixed (byte* p = nulTerminatedPath)
        {
            while ((fd = LibC.open(p, LibC.O_RDONLY | LibC.O_CLOEXEC)) < 0 && Marshal.GetLastPInvokeError() == LibC.EINTR)
            {
            }
        }
        if (fd < 0) return -1;
        try
        {
            var total = 0;
            fixed (byte* start = buffer)
            {
                while (total < buffer.Length)
                {
                    var n = LibC.read(fd, start + total, buffer.Length - total);
                    if (n == 0) break;
                    if (n < 0)
                    {
                        if (Marshal.GetLastPInvokeError() == LibC.EINTR) continue;
                        return -1;
                    }
                    total += (int)n;
                }
            }
            return total;
        }
        finally
        {
            _ = LibC.close(fd);
        }
    }

    /// <summary>Writes <paramref name="text"/> with a single write(2), as <c>echo TEXT &gt; PATH</c> does.</summary>
    /// <returns>0, or the errno of the open or the write.</returns>
    public static int Write(string path, string text)
    {
        var fd = LibC.open(path, LibC.O_WRONLY | LibC.O_CLOEXEC);
        if (fd < 0) return Marshal.GetLastPInvokeError();
        try
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            fixed (byte* p = bytes)
            {
                nint n;
                while ((n = LibC.write(fd, p, bytes.Length)) < 0 && Marshal.GetLastPInvokeError() == LibC.EINTR)
                {
                }
                return n < 0 ? Marshal.GetLastPInvokeError() : 0;
            }
        }
        finally
        {
            _ = LibC.close(fd);
        }
    }

    /// <summary>The text of an errno, for messages ("Permission denied").</summary>
    public static string ErrorText(int errno) => LibC.ErrorText(errno);
}
