using System.Text;
using ServiceManager.Platform;

namespace ServiceManager.Monitoring.Health;

/// <summary>Keeps the last few bytes of an exec probe's stdout and stderr, interleaved, for its result detail.</summary>
/// <remarks>Called on the spawner's I/O thread, so it only copies bytes under a lock and never blocks.</remarks>
internal sealed class OutputTail(int capacity) : IChildOutputSink
{
    private readonly Lock _gate = new();
    private readonly byte[] _buffer = new byte[capacity];
    private int _length;

    public void OnOutput(OutputStream stream, ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            if (data.Length >= _buffer.Length)
            {
                data[^_buffer.Length..].CopyTo(_buffer);
                _length = _buffer.Length;
                return;
            }
            var keep = Math.Min(_length, _buffer.Length - data.Length);
            _buffer.AsSpan(_length - keep, keep).CopyTo(_buffer);
            data.CopyTo(_buffer.AsSpan(keep));
            _length = keep + data.Length;
        }
    }

    public void OnClosed(OutputStream stream)
    {
    }

    /// <summary>The kept bytes as one trimmed line (newlines become spaces; a cut UTF-8 sequence becomes U+FFFD).</summary>
    public string Text()
    {
        string text;
        lock (_gate)
        {
            text = Encoding.UTF8.GetString(_buffer, 0, _length);
        }
        return string.Join(' ', text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
