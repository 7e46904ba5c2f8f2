namespace ServiceManager.Logs;

/// <summary>
/// The followers of one log. Copy-on-write: broadcasting reads an immutable array without locking, so it never waits
/// for a subscribe or unsubscribe happening on another thread.
/// </summary>
internal sealed class FollowerSet
{
    private readonly Lock _lock = new();
    private LogFollower[] _followers = [];
    private bool _closed;

    public int Count => Volatile.Read(ref _followers).Length;

    /// <summary>Subscribes a follower whose queue already holds <paramref name="backlog"/>.</summary>
    public LogFollower Add(int queueCapacity, LogEntry[] backlog)
    {
        var follower = new LogFollower(this, queueCapacity);
        foreach (var entry in backlog)
        {
            follower.TryDeliver(entry);
        }

        lock (_lock)
        {
            if (_closed)
            {
                follower.Complete();
                return follower;
            }

            Volatile.Write(ref _followers, [.. _followers, follower]);
        }

        return follower;
    }

    public void Remove(LogFollower follower)
    {
        lock (_lock)
        {
            var index = Array.IndexOf(_followers, follower);
            if (index < 0)
            {
                return;
            }

            var remaining = new LogFollower[_followers.Length - 1];
            _followers.AsSpan(0, index).CopyTo(remaining);
            _followers.AsSpan(index + 1).CopyTo(remaining.AsSpan(index));
            Volatile.Write(ref _followers, remaining);
        }
    }

    /// <summary>Queues every entry to every follower; a follower whose queue is full is dropped on the spot.</summary>
    public void Broadcast(List<LogEntry> entries)
    {
        var followers = Volatile.Read(ref _followers);
        foreach (var follower in followers)
        {
            foreach (var entry in entries)
            {
                if (!follower.TryDeliver(entry))
                {
                    // Full, or disposed meanwhile by its reader; either way it gets nothing more.
                    Remove(follower);
                    follower.Drop();
                    break;
                }
            }
        }
    }

    /// <summary>Completes every follower's reader; later subscribers get an already completed one.</summary>
    public void Close()
    {
        LogFollower[] followers;
        lock (_lock)
        {
            _closed = true;
            followers = _followers;
            Volatile.Write(ref _followers, []);
        }

        foreach (var follower in followers)
        {
            follower.Complete();
        }
    }
}
