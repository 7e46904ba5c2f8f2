namespace ServiceManager.Logs;

/// <summary>
/// Completes a <see cref="LogFollower"/>'s reader when it fell so far behind that its queue filled up: the log never
/// waits for a follower, so the follower is cut off rather than handed a stream with a silent gap.
/// </summary>
public sealed class FollowerDroppedException : Exception
{
    public FollowerDroppedException(int queuedLines)
        : base($"follower too slow: {queuedLines} lines queued") => QueuedLines = queuedLines;

    public FollowerDroppedException() { }

    public FollowerDroppedException(string message) : base(message) { }

    public FollowerDroppedException(string message, Exception inner) : base(message, inner) { }

    public int QueuedLines { get; }
}
