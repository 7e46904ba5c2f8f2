using System.Text;
using ServiceManager.Platform;

namespace ServiceManager.Platform.Tests;

/// <param name="delayPerChunk">Simulates a slow consumer, to widen races on the I/O thread.</param>
internal sealed class RecordingSink(TimeSpan delayPerChunk = default) : IChildOutputSink
{
    private readonly Lock _gate = new();
    private readonly MemoryStream _stdout = new();
    private readonly MemoryStream _stderr = new();
    private bool _stdoutClosed;
    private bool _stderrClosed;

    public void OnOutput(OutputStream stream, ReadOnlySpan<byte> data)
    {
        if (delayPerChunk > TimeSpan.Zero) Thread.Sleep(delayPerChunk);
        lock (_gate)
        {
            (stream == OutputStream.Stdout ? _stdout : _stderr).Write(data);
        }
    }

    public void OnClosed(OutputStream stream)
    {
        lock (_gate)
        {
            if (stream == OutputStream.Stdout) _stdoutClosed = true;
            else _stderrClosed = true;
        }
    }

    public string Text(OutputStream stream)
    {
        lock (_gate)
        {
            return Encoding.UTF8.GetString((stream == OutputStream.Stdout ? _stdout : _stderr).ToArray());
        }
    }

    public long Length(OutputStream stream)
    {
        lock (_gate)
        {
            return (stream == OutputStream.Stdout ? _stdout : _stderr).Length;
        }
    }

    public bool IsClosed(OutputStream stream)
    {
        lock (_gate)
        {
            return stream == OutputStream.Stdout ? _stdoutClosed : _stderrClosed;
        }
    }

    public bool AllClosed => IsClosed(OutputStream.Stdout) && IsClosed(OutputStream.Stderr);
}
