using System.Threading.Channels;

namespace ServiceManager.Logs;

/// <summary>
/// A live subscription to an instance's new lines. The log never waits for a follower: when <see cref="Reader"/>
/// falls <see cref="QueueCapacity"/> lines behind, the follower is dropped and the reader completes with a
/// <see cref="FollowerDroppedException"/> once the queued lines are read. Dispose to unsubscribe; the reader then
/// completes normally, as it does when the log itself is disposed.
/// </summary>
public sealed class LogFollower : IDisposable
{
    private readonly Channel<LogEntry> _channel;
    private readonly FollowerSet _owner;

    internal LogFollower(FollowerSet owner, int queueCapacity)
    {
        _owner = owner;
        QueueCapacity = queueCapacity;
        _channel = Channel.CreateBounded<LogEntry>(new BoundedChannelOptions(queueCapacity)
        {
            // Wait makes TryWrite fail on a full queue instead of discarding lines: that failure is what drops us.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    public ChannelReader<LogEntry> Reader => _channel.Reader;

    public int QueueCapacity { get; }

    public void Dispose()
    {
        _owner.Remove(this);
        _channel.Writer.TryComplete();
    }

    internal bool TryDeliver(LogEntry entry) => _channel.Writer.TryWrite(entry);

    internal void Drop() => _channel.Writer.TryComplete(new FollowerDroppedException(QueueCapacity));

    internal void Complete() => _channel.Writer.TryComplete();
}
