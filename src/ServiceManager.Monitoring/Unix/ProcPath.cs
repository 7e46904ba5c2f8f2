using System.Globalization;

namespace ServiceManager.Monitoring.Unix;

/// <summary>Builds NUL-terminated <c>/proc/PID/NAME</c> paths into a caller's buffer.</summary>
internal static class ProcPath
{
    /// <summary>Enough for "/proc/" + 10 digits + "/" + the longest name used here + NUL.</summary>
    public const int MaxLength = 48;

    public static int Format(Span<byte> buffer, int pid, ReadOnlySpan<byte> name)
    {
        "/proc/"u8.CopyTo(buffer);
        var length = 6;
        pid.TryFormat(buffer[length..], out var digits, default, CultureInfo.InvariantCulture);
        length += digits;
        buffer[length++] = (byte)'/';
        name.CopyTo(buffer[length..]);
        length += name.Length;
        buffer[length] = 0;
        return length;
    }
}
