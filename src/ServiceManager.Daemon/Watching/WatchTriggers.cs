using Microsoft.Extensions.Logging;
using ServiceManager.Config.Model;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Watching;

/// <summary>
/// <c>watch</c>: a <see cref="DirectoryWatch"/> per instance that has watch paths, kept in step with the fleet (a
/// reload that changes them replaces it). A counted change restarts the instance once per <c>watch_debounce</c>
/// window, if it should run, with the first changed file in the reason.
/// </summary>
internal sealed class WatchTriggers(Fleet fleet, TimeProvider time, ILoggerFactory loggers) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DirectoryWatch> _watches = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggers.CreateLogger("watch");
    private bool _started;
    private bool _disposed;

    public void Start()
    {
        lock (_gate)
        {
            if (_started) return;
            _started = true;
        }
        fleet.MembersChanged += Reconcile;
        Reconcile();
    }

    /// <summary>The changes seen in the instance's open debounce window (for tests and diagnostics); empty when none is open.</summary>
    internal IReadOnlyList<string> PendingChanges(string id)
    {
        lock (_gate)
        {
            return _watches.TryGetValue(id, out var watch) ? watch.Pending : [];
        }
    }

    private void Reconcile()
    {
        var wanted = fleet.Supervisors
            .Select(s => s.Snapshot.Definition)
            .Where(d => d.Watch is not null)
            .ToDictionary(d => d.Id, d => new WatchKey(d.Watch!, d.WorkingDirectory), StringComparer.Ordinal);
        lock (_gate)
        {
            if (_disposed) return;
            foreach (var (id, watch) in _watches.Where(kv => !wanted.TryGetValue(kv.Key, out var w) || w != kv.Value.Key).ToList())
            {
                _watches.Remove(id);
                watch.Dispose();
            }
            foreach (var (id, key) in wanted.Where(kv => !_watches.ContainsKey(kv.Key)))
            {
                try
                {
                    _watches.Add(id, new DirectoryWatch(key, time, change => RestartAsync(id, change), _logger));
                }
#pragma warning disable CA1031 // An unwatchable path (inotify limit, permissions) must not stop the others; it is logged.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    _logger.LogError(ex, "Instance {Instance}: cannot watch {Paths}", id, string.Join(", ", key.Settings.Paths));
                }
            }
        }
    }

    private async Task RestartAsync(string id, WatchedChange change)
    {
        if (!fleet.TryResolve(id, out var supervisor) || supervisor.Id != id) return;
        // Only an instance that is meant to run is restarted; a stopped one stays stopped.
        if (!supervisor.Snapshot.ShouldRun) return;
        var more = change.Count > 1 ? $" (and {change.Count - 1} more path{(change.Count > 2 ? "s" : "")})" : "";
        try
        {
            await supervisor.RestartAsync($"watch: {change.FirstPath} changed{more}");
        }
        catch (ObjectDisposedException)
        {
            // Removed meanwhile.
        }
    }

    public void Dispose()
    {
        List<DirectoryWatch> watches;
        lock (_gate)
        {
            _disposed = true;
            watches = [.. _watches.Values];
            _watches.Clear();
        }
        foreach (var watch in watches) watch.Dispose();
    }
}

/// <summary>What an instance's watch is made from; a reload that changes it replaces the watch.</summary>
internal sealed record WatchKey(WatchSettings Settings, string WorkingDirectory);

/// <summary>What a debounce window saw: its first changed path and how many different paths changed.</summary>
internal sealed record WatchedChange(string FirstPath, int Count);
