namespace ServiceManager.Logs;

/// <summary>Where and how much of an instance's output is kept.</summary>
/// <param name="Directory">Holds <c>{instance}.log</c> and its rotated predecessors; created when missing.</param>
/// <param name="MaxFileBytes">A file is rotated before a line would take it past this size.</param>
/// <param name="MaxFiles">Files kept per instance, counting the live one; the oldest is deleted on rotation.</param>
/// <param name="BufferLines">Lines kept in memory for <see cref="InstanceLog.Tail"/>.</param>
public sealed record LogOptions(
    string Directory,
    long MaxFileBytes = 10 * 1024 * 1024,
    int MaxFiles = 5,
    int BufferLines = 1000);
