using System.Buffers;
using System.Text;

namespace ServiceManager.Logs;

/// <summary>
/// Turns one pipe's chunks into lines. Bytes of an unfinished line are carried to the next chunk so that lines and
/// multi-byte UTF-8 characters split across reads come out whole. Not thread-safe: the owner serialises calls.
/// </summary>
public sealed class LineSplitter
{
    /// <summary>Longest line kept whole, in bytes; a longer one becomes several lines so memory stays bounded.</summary>
    public const int MaxLineBytes = 64 * 1024;

    // One byte beyond the limit so a line of exactly MaxLineBytes followed by "\r" can wait for its "\n"
    // instead of being cut before the "\r" and leaving an empty line behind.
    private const int MaxPending = MaxLineBytes + 1;

    // Rented only while a line is unfinished: a fixed 64 KiB per stream cost 128 KiB per instance, most of a
    // 1,000-instance daemon's memory, for the rare chunk that ends mid-line.
    private byte[] _pending = [];
    private int _pendingLength;

    private int Capacity => Math.Min(_pending.Length, MaxPending);

    /// <summary>Adds the complete lines in <paramref name="data"/> (with any carried prefix) to <paramref name="lines"/>.</summary>
    public void Push(ReadOnlySpan<byte> data, List<string> lines)
    {
        while (!data.IsEmpty)
        {
            var newline = data.IndexOf((byte)'\n');
            if (newline < 0)
            {
                Carry(data, lines);
                return;
            }

            var segment = data[..newline];
            data = data[(newline + 1)..];
            if (_pendingLength == 0)
            {
                EmitPieces(StripCarriageReturn(segment), lines);
            }
            else
            {
                Carry(segment, lines);
                EmitPieces(StripCarriageReturn(_pending.AsSpan(0, _pendingLength)), lines);
                Release();
            }
        }
    }

    /// <summary>Emits the unfinished line, if any, as it stands (EOF on the pipe or the log closing).</summary>
    public void Flush(List<string> lines)
    {
        if (_pendingLength == 0)
        {
            return;
        }

        EmitPieces(_pending.AsSpan(0, _pendingLength), lines);
        Release();
    }

    private void Carry(ReadOnlySpan<byte> data, List<string> lines)
    {
        while (!data.IsEmpty)
        {
            if (_pendingLength == Capacity && Capacity < MaxPending)
            {
                Grow(_pendingLength + data.Length);
            }
            else if (_pendingLength == Capacity)
            {
                // More bytes of the same line are coming, so the carried bytes can no longer end in "\r\n": cut.
                var cut = CutPoint(_pending);
                lines.Add(Decode(_pending.AsSpan(0, cut)));
                _pending.AsSpan(cut, _pendingLength - cut).CopyTo(_pending);
                _pendingLength -= cut;
            }

            var count = Math.Min(Capacity - _pendingLength, data.Length);
            data[..count].CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += count;
            data = data[count..];
        }
    }

    private void Grow(int wanted)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(Math.Max(wanted, Math.Max(256, _pending.Length * 2)), MaxPending));
        _pending.AsSpan(0, _pendingLength).CopyTo(bigger);
        var length = _pendingLength;
        Release();
        _pending = bigger;
        _pendingLength = length;
    }

    private void Release()
    {
        if (_pending.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_pending);
        }

        _pending = [];
        _pendingLength = 0;
    }

    private static void EmitPieces(ReadOnlySpan<byte> line, List<string> lines)
    {
        while (line.Length > MaxLineBytes)
        {
            var cut = CutPoint(line);
            lines.Add(Decode(line[..cut]));
            line = line[cut..];
        }

        lines.Add(Decode(line));
    }

    /// <summary>
    /// Where to end a piece of an over-long line: at <see cref="MaxLineBytes"/>, moved back to the start of a
    /// UTF-8 character that would otherwise straddle the cut (both pieces then decode cleanly).
    /// </summary>
    private static int CutPoint(ReadOnlySpan<byte> line)
    {
        var cut = MaxLineBytes;
        while (cut > MaxLineBytes - 3 && IsContinuation(line[cut]))
        {
            cut--;
        }

        // Still inside a character after three steps: the bytes are not UTF-8 anyway, so cut at the limit.
        return IsContinuation(line[cut]) ? MaxLineBytes : cut;
    }

    private static bool IsContinuation(byte b) => (b & 0xC0) == 0x80;

    private static ReadOnlySpan<byte> StripCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    // Encoding.UTF8 replaces invalid sequences with U+FFFD instead of throwing: children print whatever they like.
    private static string Decode(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? string.Empty : Encoding.UTF8.GetString(bytes);
}
