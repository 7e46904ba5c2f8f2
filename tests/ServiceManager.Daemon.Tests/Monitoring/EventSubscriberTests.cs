using ServiceManager.Daemon.Monitoring;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Daemon.Tests.Monitoring;

public sealed class EventSubscriberTests
{
    private static EventNotification Event(string instance) => new("", "state_changed", DateTimeOffset.UnixEpoch, instance);

    [Fact]
    public async Task A_subscriber_that_falls_a_full_queue_behind_is_dropped_after_what_it_had_queued()
    {
        var subscriber = new EventSubscriber(capacity: 2);
        subscriber.Offer(Event("a"));
        subscriber.Offer(Event("b"));
        subscriber.Dropped.Should().BeFalse();

        subscriber.Offer(Event("c"));

        subscriber.Dropped.Should().BeTrue();
        var read = new List<string?>();
        await foreach (var e in subscriber.Reader.ReadAllAsync()) read.Add(e.Instance);
        read.Should().Equal("a", "b");
    }

    [Fact]
    public async Task Complete_ends_the_reader_without_dropping()
    {
        var subscriber = new EventSubscriber(capacity: 4);
        subscriber.Offer(Event("a"));
        subscriber.Complete();

        var read = new List<string?>();
        await foreach (var e in subscriber.Reader.ReadAllAsync()) read.Add(e.Instance);
        read.Should().Equal("a");
        subscriber.Dropped.Should().BeFalse();
    }
}
