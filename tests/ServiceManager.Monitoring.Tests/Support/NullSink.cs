using ServiceManager.Platform;

namespace ServiceManager.Monitoring.Tests.Support;

internal sealed class NullSink : IChildOutputSink
{
    public static readonly NullSink Instance = new();

    public void OnOutput(OutputStream stream, ReadOnlySpan<byte> data)
    {
    }

    public void OnClosed(OutputStream stream)
    {
    }
}
