namespace ServiceManager.Platform;

/// <summary>
/// Receives a child's output as raw chunks, on the spawner's I/O thread. Implementations must return quickly and
/// never block: a slow sink stalls the reading of every child's pipes.
/// </summary>
public interface IChildOutputSink
{
    /// <summary>A chunk read from one pipe; only valid during the call.</summary>
    void OnOutput(OutputStream stream, ReadOnlySpan<byte> data);

    /// <summary>EOF on one pipe: every writer (the child and any grandchild holding it) has closed it.</summary>
    void OnClosed(OutputStream stream);
}
