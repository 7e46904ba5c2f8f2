using Microsoft.Extensions.Logging;
using ServiceManager.Config.Model;
using ServiceManager.Daemon.Instances;
using ServiceManager.Daemon.Monitoring;
using ServiceManager.Daemon.Watching;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Hosting;

/// <summary>
/// Reloads the config without a client, as <c>svcmgr reload</c> does: on SIGHUP (as most daemons do), and with
/// <c>[daemon] watch_config = true</c> when the file changes (debounced: an editor's save is several events). Nobody
/// waits for the answer, so the outcome goes to the daemon's log and the <c>config_reloaded</c> event; an invalid file
/// is logged with its errors and changes nothing.
/// </summary>
internal sealed class HotReload(
    FleetCoordinator coordinator, ConfigStore config, ReloadSignal sighup, EventHub events, TimeProvider time, ILoggerFactory loggers) : IDisposable
{
    /// <summary>How long the file must have had its first change before it is read: an editor's save is done by then.</summary>
    internal static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(500);

    private readonly Lock _gate = new();
    private readonly ILogger _logger = loggers.CreateLogger("reload");
    private DirectoryWatch? _watch;
    private bool _disposed;

    public void Start()
    {
        sighup.Attach(() => _ = ReloadAsync("SIGHUP"));
        config.Committed += FollowWatchSetting;
        FollowWatchSetting();
    }

    /// <summary>Reloads and logs the outcome; never throws.</summary>
    public async Task ReloadAsync(string cause)
    {
        try
        {
            var diff = await coordinator.ReloadAsync(CancellationToken.None);
            events.PublishReload(diff, time.GetUtcNow());
            _logger.LogInformation("Config reloaded ({Cause}): added [{Added}], removed [{Removed}], changed [{Changed}]",
                cause, string.Join(", ", diff.Added), string.Join(", ", diff.Removed), string.Join(", ", diff.Changed));
        }
        catch (FleetException ex)
        {
            _logger.LogError("Config reload ({Cause}) failed: {Message}", cause, ex.Message);
        }
#pragma warning disable CA1031 // Nobody to throw to; the daemon must keep running on its old config.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogError(ex, "Config reload ({Cause}) failed; nothing changed", cause);
        }
    }

    /// <summary>Starts or stops watching the file as the config (just loaded or reloaded) says.</summary>
    private void FollowWatchSetting()
    {
        lock (_gate)
        {
            if (_disposed) return;
            var wanted = config.Current.Daemon.WatchConfig;
            if (wanted == (_watch is not null)) return;
            if (!wanted)
            {
                _watch!.Dispose();
                _watch = null;
                return;
            }

            var path = Path.GetFullPath(config.Path);
            var key = new WatchKey(new WatchSettings([path], [], Debounce), Path.GetDirectoryName(path) ?? "/");
            try
            {
                // Not recursive: the file's directory may hold logs written all the time.
                _watch = new DirectoryWatch(key, time, _ => ReloadAsync("the config file changed"), _logger, recursive: false);
                _logger.LogInformation("Watching {Path} for changes (watch_config)", path);
            }
#pragma warning disable CA1031 // An unwatchable file (inotify limit) leaves SIGHUP and svcmgr reload working.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _logger.LogError(ex, "Cannot watch {Path} (watch_config); reload with svcmgr reload or SIGHUP", path);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _watch?.Dispose();
            _watch = null;
        }
        config.Committed -= FollowWatchSetting;
        sighup.Detach();
    }
}
