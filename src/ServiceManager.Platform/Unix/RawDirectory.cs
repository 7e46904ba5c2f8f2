namespace ServiceManager.Platform.Unix;

/// <summary>
/// opendir/readdir over a byte path, for directories listed every metrics cycle (/proc, /proc/PID/fd): no string
/// per entry, and no object either (a ref struct). Dispose to close.
/// </summary>
public unsafe ref struct RawDirectory
{
    private nint _dir;

    private RawDirectory(nint dir) => _dir = dir;

    /// <summary>False when the directory could not be opened (gone, not ours to read); it then lists nothing.</summary>
    public readonly bool IsOpen => _dir != 0;

    /// <param name="nulTerminatedPath">The path as UTF-8 bytes ending with a NUL.</param>
    public static RawDirectory Open(ReadOnlySpan<byte> nulTerminatedPath)
    {
        fixed (byte* p = nulTerminatedPath)
            return new RawDirectory(LibC.opendir(p));
    }

    /// <summary>The next entry whose name is a positive decimal number (a pid in /proc); false at the end.</summary>
    public readonly bool TryNextNumber(out int number)
    {
        byte* entry;
        while (_dir != 0 && (entry = LibC.readdir(_dir)) != null)
        {
            if (TryParseNumber(entry + LibC.DirentNameOffset, out number)) return true;
        }
        number = 0;
        return false;
    }

    /// <summary>Entries left to read, not counting <c>.</c> and <c>..</c> (or any other hidden name).</summary>
    public readonly int CountRemaining()
    {
        var count = 0;
        byte* entry;
        while (_dir != 0 && (entry = LibC.readdir(_dir)) != null)
        {
            if (entry[LibC.DirentNameOffset] != (byte)'.') count++;
        }
        return count;
    }

    public void Dispose()
    {
        if (_dir == 0) return;
        _ = LibC.closedir(_dir);
        _dir = 0;
    }

    private static bool TryParseNumber(byte* name, out int number)
    {
        number = 0;
        if (*name is < (byte)'0' or > (byte)'9') return false;
        for (; *name != 0; name++)
        {
            if (*name is < (byte)'0' or > (byte)'9') return false;
            number = (number * 10) + (*name - '0');
        }
        return number > 0;
    }
}
