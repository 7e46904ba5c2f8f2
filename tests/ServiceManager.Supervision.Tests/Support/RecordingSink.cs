using System.Collections.Concurrent;
using System.Text;
using ServiceManager.Platform;

namespace ServiceManager.Supervision.Tests.Support;

/// <summary>Stands in for the instance log: keeps the child's output and the supervisor's system lines.</summary>
internal sealed class RecordingSink : IChildOutputSink
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _output = new();

    public ConcurrentQueue<string> SystemLines { get; } = new();

    public string Output
    {
        get
        {
            lock (_gate) return _output.ToString();
        }
    }

    public void OnOutput(OutputStream stream, ReadOnlySpan<byte> data)
    {
        lock (_gate) _output.Append(Encoding.UTF8.GetString(data));
    }

    public void OnClosed(OutputStream stream)
    {
    }

    public void AppendSystemLine(string text) => SystemLines.Enqueue(text);
}
