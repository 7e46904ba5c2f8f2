using ServiceManager.Daemon.Rpc;
using ServiceManager.Monitoring.Metrics;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Monitoring;

/// <summary>
/// Fans the daemon's changes out to <c>events</c> subscribers: transitions from <see cref="Fleet.StateChanged"/>, log rotations,
/// one compact <c>metrics_updated</c> per sampling cycle, and reloads. Publishing only queues (see
/// <see cref="EventSubscriber"/>), so a subscriber never slows a supervisor's dispatcher or the sampler.
/// </summary>
internal sealed class EventHub(Fleet fleet, MetricsSampler sampler)
{
    /// <summary>Events a subscriber may have queued before it counts as too slow and is dropped.</summary>
    public const int DefaultCapacity = 1_000;

    private readonly Lock _gate = new();
    // Copied on change so that publishing reads it without a lock.
    private volatile EventSubscriber[] _subscribers = [];
    private bool _started;

    public void Start()
    {
        lock (_gate)
        {
            if (_started) return;
            _started = true;
        }
        fleet.StateChanged += (snapshot, transition) => Publish(WireMapping.StateChanged(snapshot, transition));
        fleet.LogRotated += rotation => Publish(new EventNotification(
            "", EventTypes.LogRotated, rotation.At, rotation.Instance, File: rotation.File, RotatedTo: rotation.RotatedTo));
        sampler.Sampled += OnSampled;
    }

    public EventSubscriber Subscribe(int capacity = DefaultCapacity)
    {
        var subscriber = new EventSubscriber(capacity);
        lock (_gate) _subscribers = [.. _subscribers, subscriber];
        return subscriber;
    }

    public void Unsubscribe(EventSubscriber subscriber)
    {
        lock (_gate) _subscribers = [.. _subscribers.Where(s => s != subscriber)];
        subscriber.Complete();
    }

    public void PublishReload(ReloadDiff diff, DateTimeOffset at) =>
        Publish(new EventNotification("", EventTypes.ConfigReloaded, at,
            Added: diff.Added, Removed: diff.Removed, Changed: diff.Changed));

    /// <summary>Queues <paramref name="notification"/> (its subscription is filled in per subscriber).</summary>
    public void Publish(EventNotification notification)
    {
        var subscribers = _subscribers;
        foreach (var subscriber in subscribers)
        {
            subscriber.Offer(notification);
            if (subscriber.Dropped) Unsubscribe(subscriber);
        }
    }

    private void OnSampled(DateTimeOffset at, SystemMetrics system)
    {
        // Nobody listens most of the time: skip building the list.
        if (_subscribers.Length == 0) return;
        var instances = sampler.Snapshot().Instances
            .OrderBy(i => i.Key, StringComparer.Ordinal)
            .Select(i => new MetricsPoint(i.Key, i.Value.Metrics.CpuPercent, i.Value.Metrics.RssBytes))
            .ToList();
        Publish(new EventNotification("", EventTypes.MetricsUpdated, at, System: WireMapping.System(system), Instances: instances));
    }
}
