using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;
using ServiceManager.Platform;

namespace ServiceManager.Logs;

/// <summary>
/// <c>{directory}/{instance}.log</c> plus <c>.1</c> (newest) … <c>.{maxFiles-1}</c> (oldest). A batch of entries is
/// formatted into one reused buffer and handed to the kernel with one <c>pwrite</c>, or two when the batch straddles
/// a rotation; nothing is buffered in user space, so a reader sees a line as soon as the write returns.
/// Not thread-safe: the owner serialises calls. Never throws on I/O failure; see <see cref="LastError"/>.
/// </summary>
internal sealed class RotatingLogFile : IDisposable
{
    // "2026-11-25T16:05:24.123Z" + " out " + text + "\n"
    private const int TimestampBytes = 24;
    private const int PrefixBytes = TimestampBytes + 5;

    private readonly string _directory;
    private readonly string _path;
    private readonly long _maxFileBytes;
    private readonly int _maxFiles;
    // Grown by Format to the largest batch seen; an instance that never prints costs nothing here.
    private byte[] _buffer = [];
    // The lines of a chunk share one stamp, and a custom-format TryFormat per line was ~40% of the I/O thread's time:
    // the formatted stamp is kept until an entry brings a different one.
    private readonly byte[] _stamp = new byte[TimestampBytes];
    private DateTimeOffset? _stampAt;
    private SafeFileHandle? _handle;
    private long _length;
    private Exception? _lastError;
    private volatile bool _failing;

    public RotatingLogFile(string directory, string instance, long maxFileBytes, int maxFiles)
    {
        _directory = directory;
        _path = Path.Combine(directory, instance + ".log");
        _maxFileBytes = maxFileBytes;
        _maxFiles = maxFiles;
        TryOpen();
        DeleteBeyondLimit();
    }

    /// <summary>The most recent failure to open, write or rotate; stays set after later writes succeed.</summary>
    public Exception? LastError => Volatile.Read(ref _lastError);

    /// <summary>The live file.</summary>
    public string FilePath => _path;

    /// <summary>Where a rotation moves the live file's content; null when only the live file is kept.</summary>
    public string? RotatedPath1 => _maxFiles == 1 ? null : RotatedPath(1);

    /// <summary>How many rotations have moved the live file aside so far.</summary>
    public int Rotations { get; private set; }

    /// <summary>True from a failure until the next write that reaches the file: the file is missing lines meanwhile.</summary>
    public bool Failing => _failing;

    public void Write(List<LogEntry> entries)
    {
        var used = 0;
        var rotationFailed = false;
        for (var i = 0; i < entries.Count; i++)
        {
            var lineStart = used;
            used = Format(entries[i], used);
            var lineBytes = used - lineStart;

            // Rotate between lines, never inside one. A file holding nothing yet takes the line whatever its size:
            // a line longer than the limit is better kept whole than lost. One failed rotation per batch is
            // enough: retrying for every line would only repeat the failure.
            if (_length + used > _maxFileBytes && _length + lineStart > 0 && !rotationFailed)
            {
                WriteOut(_buffer.AsSpan(0, lineStart));
                rotationFailed = !Rotate();
                _buffer.AsSpan(lineStart, lineBytes).CopyTo(_buffer);
                used = lineBytes;
            }
        }

        WriteOut(_buffer.AsSpan(0, used));
    }

    public void Dispose()
    {
        _handle?.Dispose();
        _handle = null;
    }

    private int Format(LogEntry entry, int offset)
    {
        var maxBytes = PrefixBytes + Encoding.UTF8.GetMaxByteCount(entry.Text.Length) + 1;
        if (_buffer.Length - offset < maxBytes)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, offset + maxBytes));
        }

        var span = _buffer.AsSpan(offset);
        if (entry.At != _stampAt)
        {
            entry.At.UtcDateTime.TryFormat(_stamp, out _, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture);
            _stampAt = entry.At;
        }

        _stamp.CopyTo(span);
        var written = TimestampBytes;
        var marker = entry.Stream == OutputStream.Stdout ? " out "u8 : " err "u8;
        marker.CopyTo(span[written..]);
        written += marker.Length;
        written += Encoding.UTF8.GetBytes(entry.Text, span[written..]);
        span[written++] = (byte)'\n';
        return offset + written;
    }

    private void WriteOut(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty || (_handle is null && !TryOpen()))
        {
            return;
        }

        try
        {
            RandomAccess.Write(_handle!, bytes, _length);
            _length += bytes.Length;
            _failing = false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(e);
            // A short write (disk full) may have left part of a line behind: cut it off so the file keeps to
            // whole lines. Best effort; a device such as /dev/full cannot be truncated.
            try
            {
                RandomAccess.SetLength(_handle!, _length);
            }
            catch (Exception t) when (t is IOException or UnauthorizedAccessException or ArgumentException)
            {
            }
        }
    }

    /// <summary>Shifts every file up one index (the oldest falls off) and starts an empty live file.</summary>
    private bool Rotate()
    {
        try
        {
            // Renaming while the old handle is still open is fine on Linux and keeps writing possible if it fails.
            if (_maxFiles == 1)
            {
                File.Delete(_path);
            }
            else
            {
                File.Delete(RotatedPath(_maxFiles - 1));
                for (var index = _maxFiles - 2; index >= 1; index--)
                {
                    var from = RotatedPath(index);
                    if (File.Exists(from))
                    {
                        File.Move(from, RotatedPath(index + 1), overwrite: true);
                    }
                }

                // Someone may have removed the live file under us; then there is nothing to keep.
                if (File.Exists(_path))
                {
                    File.Move(_path, RotatedPath(1), overwrite: true);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(e);
            return false;
        }

        Rotations++;
        _handle?.Dispose();
        _handle = null;
        return TryOpen();
    }

    private bool TryOpen()
    {
        try
        {
            Directory.CreateDirectory(_directory);
            // Read access too: the tail is checked for a torn line before anything is appended.
            _handle = File.OpenHandle(
                _path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            _length = CutTornTail(_handle, RandomAccess.GetLength(_handle));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(e);
            return false;
        }
    }

    /// <summary>
    /// Cuts a file back to its last whole line and returns the new length. A daemon killed by SIGKILL in the middle of
    /// a <c>pwrite</c> can leave the last line cut off (the kernel stops a write for a fatal signal between pages);
    /// appending after it would glue the next line onto the fragment. The fragment belongs to the lines the dead
    /// daemon had read but not written, which are lost anyway (docs/reliability.md).
    /// </summary>
    private static long CutTornTail(SafeFileHandle handle, long length)
    {
        Span<byte> chunk = stackalloc byte[4096];
        for (var end = length; end > 0;)
        {
            var start = Math.Max(0, end - chunk.Length);
            var read = RandomAccess.Read(handle, chunk[..(int)(end - start)], start);
            if (read <= 0) return length;
            var newline = chunk[..read].LastIndexOf((byte)'\n');
            if (newline >= 0)
            {
                var whole = start + newline + 1;
                if (whole != length) RandomAccess.SetLength(handle, whole);
                return whole;
            }

            end = start;
        }

        if (length > 0) RandomAccess.SetLength(handle, 0);
        return 0;
    }

    /// <summary>Removes files a larger MaxFiles of an earlier run left behind, so the count limit holds from the start.</summary>
    private void DeleteBeyondLimit()
    {
        try
        {
            for (var index = Math.Max(_maxFiles, 1); File.Exists(RotatedPath(index)); index++)
            {
                File.Delete(RotatedPath(index));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(e);
        }
    }

    private string RotatedPath(int index) => _path + "." + index.ToString(CultureInfo.InvariantCulture);

    private void Fail(Exception e)
    {
        Volatile.Write(ref _lastError, e);
        _failing = true;
    }
}
