using Microsoft.Extensions.Logging;
using ServiceManager.Config.Model;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Scheduling;

/// <summary>
/// <c>schedule</c> and <c>cron_restart</c>: one timer per instance that has either, on the daemon's
/// <see cref="TimeProvider"/> (in its local time zone). A job's tick starts it unless a run is still going (that tick is
/// skipped and said so in the job's log); a <c>cron_restart</c> tick restarts the instance if it is running.
/// </summary>
/// <remarks>
/// Ticks follow each other from the previous tick, not from when the previous one was handled, so they do not drift;
/// ticks missed while the daemon could not run (a suspended machine) are not caught up, as cron does not. The timers
/// follow the fleet: a reload that changes or removes a schedule replaces or drops its timer.
/// </remarks>
internal sealed class CronTriggers(Fleet fleet, TimeProvider time, ILoggerFactory loggers) : IAsyncDisposable
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, CronTimer> _timers = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggers.CreateLogger("cron");
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

    /// <summary>The next tick of the instance's <c>schedule</c> or <c>cron_restart</c>; null without one (or none left).</summary>
    public DateTimeOffset? NextTick(string id)
    {
        lock (_gate)
        {
            return _timers.TryGetValue(id, out var timer) ? timer.Next : null;
        }
    }

    private void Reconcile()
    {
        var wanted = fleet.Supervisors
            .Select(s => s.Snapshot.Definition)
            .Where(d => d.Schedule is not null || d.CronRestart is not null)
            .ToDictionary(d => d.Id, d => new CronTrigger(d.Schedule ?? d.CronRestart!, IsJob: d.Schedule is not null), StringComparer.Ordinal);
        lock (_gate)
        {
            if (_disposed) return;
            foreach (var (id, timer) in _timers.Where(kv => !wanted.TryGetValue(kv.Key, out var t) || t != kv.Value.Trigger).ToList())
            {
                _timers.Remove(id);
                timer.Cancel();
                timer.Run?.ContinueWith(_ => timer.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
            foreach (var (id, trigger) in wanted.Where(kv => !_timers.ContainsKey(kv.Key)))
            {
                var timer = new CronTimer(trigger);
                _timers.Add(id, timer);
                timer.Run = RunAsync(id, timer);
            }
        }
    }

    private async Task RunAsync(string id, CronTimer timer)
    {
        var token = timer.Token;
        var after = time.GetUtcNow();
        try
        {
            while (timer.Trigger.Schedule.Next(after, time.LocalTimeZone) is { } next)
            {
                timer.Next = next;
                // In steps: a timer cannot wait longer than ~49 days, and a yearly tick is further away than that.
                for (var delay = next - time.GetUtcNow(); delay > TimeSpan.Zero; delay = next - time.GetUtcNow())
                    await Task.Delay(delay < MaxWait ? delay : MaxWait, time, token);
                await FireAsync(id, timer.Trigger, next);
                var now = time.GetUtcNow();
                after = now > next ? now : next;
            }
            timer.Next = null;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Removed, replaced by a reload, or the daemon is shutting down.
        }
#pragma warning disable CA1031 // A timer has nobody to throw to; one failing tick must not end the schedule silently.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogError(ex, "Instance {Instance}: its cron timer failed; no more ticks until the next reload", id);
        }
    }

    private async Task FireAsync(string id, CronTrigger trigger, DateTimeOffset tick)
    {
        if (!fleet.TryResolve(id, out var supervisor) || supervisor.Id != id) return;
        var at = TimeZoneInfo.ConvertTime(tick, time.LocalTimeZone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var state = supervisor.Snapshot.State;
        try
        {
            if (trigger.IsJob)
                await StartJobAsync(supervisor, state, at);
            else if (state == InstanceState.Running)
                await supervisor.RestartAsync($"cron_restart tick {at} ({trigger.Schedule})");
        }
        catch (ObjectDisposedException)
        {
            // Removed while the tick was handled.
        }
    }

    private async Task StartJobAsync(InstanceSupervisor supervisor, InstanceState state, string at)
    {
        if (state is not (InstanceState.Stopped or InstanceState.Failed) || fleet.IsWaiting(supervisor.Id))
        {
            var why = fleet.IsWaiting(supervisor.Id) ? "its last start still waits for its dependencies" : $"the last run is still {InstanceStateNames.ToText(state)}";
            var note = $"schedule tick {at} skipped: {why}";
            if (fleet.TryGetLog(supervisor.Id, out var log)) log.AppendSystemLine(note);
            _logger.LogWarning("Instance {Instance}: {Note}", supervisor.Id, note);
            return;
        }

        var reason = $"schedule tick {at}";
        // A job with dependencies starts the way a requested start does: after they are ready.
        if (supervisor.Snapshot.Definition.DependsOn.Count == 0)
            await supervisor.StartAsync(reason);
        else
            await fleet.StartAsync([supervisor.Id]);
    }

    public async ValueTask DisposeAsync()
    {
        List<CronTimer> timers;
        lock (_gate)
        {
            _disposed = true;
            timers = [.. _timers.Values];
            _timers.Clear();
        }
        foreach (var timer in timers) timer.Cancel();
        await Task.WhenAll(timers.Select(t => t.Run ?? Task.CompletedTask));
        foreach (var timer in timers) timer.Dispose();
    }

    /// <summary>What an instance's timer fires for; a reload that changes it replaces the timer.</summary>
    private sealed record CronTrigger(CronSchedule Schedule, bool IsJob);

    private sealed class CronTimer(CronTrigger trigger) : IDisposable
    {
        private readonly CancellationTokenSource _cancel = new();
        private long _nextTicks = long.MinValue;

        public CronTrigger Trigger => trigger;

        public CancellationToken Token => _cancel.Token;

        public Task? Run { get; set; }

        public DateTimeOffset? Next
        {
            get => Interlocked.Read(ref _nextTicks) is var t && t == long.MinValue ? null : new DateTimeOffset(t, TimeSpan.Zero);
            set => Interlocked.Exchange(ref _nextTicks, value?.UtcTicks ?? long.MinValue);
        }

        public void Cancel() => _cancel.Cancel();

        public void Dispose() => _cancel.Dispose();
    }
}
