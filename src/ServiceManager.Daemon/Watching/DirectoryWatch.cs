using Microsoft.Extensions.Logging;

namespace ServiceManager.Daemon.Watching;

/// <summary>
/// One instance's watch: a recursive <see cref="FileSystemWatcher"/> (inotify on Linux: the kernel reports changes,
/// nothing polls; directories created later are added as they appear) per root of its <see cref="WatchFilter"/>,
/// and the debounce window. The first counted change opens the window; when it closes (<c>watch_debounce</c> later,
/// on the daemon's clock) the callback gets the first path and how many paths changed, once.
/// </summary>
internal sealed class DirectoryWatch : IDisposable
{
    private readonly WatchFilter _filter;
    private readonly TimeSpan _debounce;
    private readonly TimeProvider _time;
    private readonly Func<WatchedChange, Task> _changed;
    private readonly ILogger _logger;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _gate = new();
    private List<string>? _window;
    private readonly HashSet<string> _inWindow = new(StringComparer.Ordinal);

    /// <param name="recursive">False watches only the roots themselves: for one file in a busy directory.</param>
    public DirectoryWatch(WatchKey key, TimeProvider time, Func<WatchedChange, Task> changed, ILogger logger, bool recursive = true)
    {
        Key = key;
        _filter = new WatchFilter(key.WorkingDirectory, key.Settings);
        _debounce = key.Settings.Debounce;
        _time = time;
        _changed = changed;
        _logger = logger;
        try
        {
            foreach (var root in _filter.Roots) _watchers.Add(Watch(root, recursive));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public WatchKey Key { get; }

    /// <summary>The paths counted in the open window, each once, in order; empty when none is open.</summary>
    public IReadOnlyList<string> Pending
    {
        get
        {
            lock (_gate) return _window is null ? [] : [.. _window];
        }
    }

    private FileSystemWatcher Watch(string root, bool recursive)
    {
        var watcher = new FileSystemWatcher(root)
        {
            IncludeSubdirectories = recursive,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite,
        };
        watcher.Created += (_, e) => Seen(e.FullPath);
        watcher.Changed += (_, e) => Seen(e.FullPath);
        watcher.Deleted += (_, e) => Seen(e.FullPath);
        // An editor's save-by-rename (write a temporary file, rename it over the original) counts by its new name;
        // a file renamed away from a watched path counts by its old one.
        watcher.Renamed += (_, e) => Seen(_filter.Counts(e.FullPath) ? e.FullPath : e.OldFullPath);
        watcher.Error += (_, e) => Overflowed(root, e.GetException());
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private void Seen(string fullPath)
    {
        if (!_filter.Counts(fullPath)) return;
        Open(_filter.Display(fullPath));
    }

    /// <summary>The kernel dropped events (its queue overflowed): something changed, the details are lost.</summary>
    private void Overflowed(string root, Exception error)
    {
        _logger.LogWarning(error, "Watch of {Root}: events were lost; treating it as a change", root);
        Open(_filter.Display(root));
    }

    private void Open(string path)
    {
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested) return;
            if (_window is not null)
            {
                // A save is several events (create, write, rename) for one file: each path counts once.
                if (_inWindow.Add(path)) _window.Add(path);
                return;
            }

            _window = [path];
            _inWindow.Add(path);
        }

        _ = CloseWindowAsync();
    }

    private async Task CloseWindowAsync()
    {
        try
        {
            await Task.Delay(_debounce, _time, _disposed.Token);
            WatchedChange change;
            lock (_gate)
            {
                change = new WatchedChange(_window![0], _window.Count);
                _window = null;
                _inWindow.Clear();
            }
            await _changed(change);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // Disposed: the instance was removed or its watch replaced.
        }
#pragma warning disable CA1031 // Runs on its own; a failed restart must not end the watch unnoticed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogError(ex, "Acting on a watched change failed");
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested) return;
            _disposed.Cancel();
        }
        foreach (var watcher in _watchers) watcher.Dispose();
        _disposed.Dispose();
    }
}
