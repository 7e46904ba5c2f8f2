using System.Text;
using ServiceManager.Platform;

namespace ServiceManager.Supervision;

/// <summary>
/// Collects a helper process's output (a stop_command) into whole lines and hands them on as system lines, so they
/// never interleave byte-wise with the service's own output in its log.
/// </summary>
internal sealed class SystemLineSink : IChildOutputSink
{
    private const int MaxLineBytes = 4096;

    private readonly string _prefix;
    private readonly Action<string> _write;
    private readonly Lock _gate = new();
    private readonly List<byte> _stdout = [];
    private readonly List<byte> _stderr = [];

    public SystemLineSink(string prefix, Action<string> write)
    {
        _prefix = prefix;
        _write = write;
    }

    public void OnOutput(OutputStream stream, ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            var buffer = stream == OutputStream.Stdout ? _stdout : _stderr;
            foreach (var b in data)
            {
                if (b == (byte)'\n' || buffer.Count >= MaxLineBytes) Flush(buffer);
                if (b != (byte)'\n') buffer.Add(b);
            }
        }
    }

    public void OnClosed(OutputStream stream)
    {
        lock (_gate)
        {
            Flush(stream == OutputStream.Stdout ? _stdout : _stderr);
        }
    }

    private void Flush(List<byte> buffer)
    {
        if (buffer.Count == 0) return;
        var text = Encoding.UTF8.GetString(buffer.ToArray()).TrimEnd('\r');
        buffer.Clear();
        _write(_prefix + text);
    }
}
