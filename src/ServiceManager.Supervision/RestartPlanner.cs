using ServiceManager.Config.Model;

namespace ServiceManager.Supervision;

/// <summary>
/// Exponential backoff and the crash-loop cap of one instance. Pure bookkeeping over timestamps handed in, so it is
/// driven by whatever clock the supervisor uses; only the supervisor's loop touches it.
/// </summary>
internal sealed class RestartPlanner
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly Queue<DateTimeOffset> _recent = new();
    private TimeSpan? _nextBackoff;

    /// <summary>Decides what follows a child that ended after running for <paramref name="uptime"/>.</summary>
    public RestartDecision Plan(RestartSettings settings, TimeSpan uptime, DateTimeOffset now)
    {
        while (_recent.Count > 0 && now - _recent.Peek() >= Window)
            _recent.Dequeue();

        // 0 (or less) means "no cap": restart = "never" is the way to forbid restarts.
        if (settings.MaxRestartsPerMinute > 0 && _recent.Count >= settings.MaxRestartsPerMinute)
            return new RestartDecision(GiveUp: true, TimeSpan.Zero, _recent.Count);

        if (_nextBackoff is null || uptime >= settings.MinUptime)
            _nextBackoff = settings.BackoffInitial;

        var delay = Min(_nextBackoff.Value, settings.BackoffMax);
        _nextBackoff = delay > settings.BackoffMax / 2 ? settings.BackoffMax : delay * 2;

        var before = _recent.Count;
        _recent.Enqueue(now);
        return new RestartDecision(GiveUp: false, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, before);
    }

    /// <summary>A manual start gives the instance a fresh chance: no backoff, an empty window.</summary>
    public void Reset()
    {
        _recent.Clear();
        _nextBackoff = null;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
