using System.Globalization;

namespace ServiceManager.Platform.Unix;

/// <summary>Builds NUL-terminated <c>/proc/PID/NAME</c> paths into a caller's buffer, for <see cref="RawFile"/> and <see cref="RawDirectory"/>.</summary>
public static class ProcPath
{
    /// <summary>Enough for "/proc/" + 10 digits + "/" + a short name such as "stat" or "fd" + NUL.</summary>
    public const int MaxLength = 48;

    /// <returns>The length without the NUL.</returns>
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
