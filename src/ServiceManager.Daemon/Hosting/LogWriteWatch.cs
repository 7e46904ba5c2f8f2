using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Hosting;

/// <summary>
/// Tells daemon.log when an instance's log file stops taking lines (disk full, directory unwritable) and when it
/// takes them again — once per episode, not once per line. The I/O thread that writes the files must never wait on
/// a logger, so this looks at each log's state once a second instead of being called from the write path.
/// Meanwhile the service keeps running and its lines still reach the in-memory buffer and followers.
/// </summary>
internal sealed class LogWriteWatch(Fleet fleet, TimeProvider time, ILogger<LogWriteWatch> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly HashSet<string> _failing = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                Check();
        }
        catch (OperationCanceledException)
        {
        }
    }

    internal void Check()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var instance in fleet.List())
        {
            if (!fleet.TryGetLog(instance.Id, out var log)) continue;
            seen.Add(instance.Id);
            if (log.IsWriteFailing && _failing.Add(instance.Id))
            {
                logger.LogWarning(
                    "cannot write the log file of {Instance}: {Error}; the service keeps running and its output still reaches `svcmgr logs` (in memory) and followers, but not the file until writing works again",
                    instance.Id, log.LastWriteError?.Message ?? "unknown error");
            }
            else if (!log.IsWriteFailing && _failing.Remove(instance.Id))
            {
                logger.LogInformation("the log file of {Instance} is written again", instance.Id);
            }
        }

        _failing.IntersectWith(seen);
    }
}
