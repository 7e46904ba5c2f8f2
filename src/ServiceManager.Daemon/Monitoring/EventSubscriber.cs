using System.Threading.Channels;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Daemon.Monitoring;

/// <summary>
/// One <c>events</c> subscription's queue. Bounded: publishing never waits for a client, so a subscriber that falls
/// <see cref="Capacity"/> events behind is dropped (its reader ends and <see cref="Dropped"/> is set) instead of
/// holding memory or slowing the daemon.
/// </summary>
internal sealed class EventSubscriber
{
    private readonly Channel<EventNotification> _queue;
    private volatile bool _dropped;

    public EventSubscriber(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _queue = Channel.CreateBounded<EventNotification>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    public int Capacity { get; }

    public ChannelReader<EventNotification> Reader => _queue.Reader;

    public bool Dropped => _dropped;

    /// <summary>Queues an event; a full queue drops the subscriber.</summary>
    public void Offer(EventNotification notification)
    {
        if (_queue.Writer.TryWrite(notification)) return;
        _dropped = true;
        _queue.Writer.TryComplete();
    }

    /// <summary>Ends the reader after the events already queued.</summary>
    public void Complete() => _queue.Writer.TryComplete();
}
