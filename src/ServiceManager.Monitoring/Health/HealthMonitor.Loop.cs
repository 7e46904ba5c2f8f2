using Microsoft.Extensions.Logging;
using ServiceManager.Text;

namespace ServiceManager.Monitoring.Health;

public sealed partial class HealthMonitor
{
    private async Task RunAsync(CancellationToken stop)
    {
        try
        {
            if (_options.InitialDelay > TimeSpan.Zero)
                await Task.Delay(_options.InitialDelay, _time, stop);
            while (true)
            {
                Record(await CheckAsync(stop));
                var nextCheck = _time.GetTimestamp();
                if (_snapshot.Status == HealthStatus.Unknown) await ProbeUntilFirstPassAsync(stop);
                var wait = _settings.Interval - _time.GetElapsedTime(nextCheck);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            var last = _snapshot;
            _snapshot = HealthSnapshot.Initial;
            if (last.Status != HealthStatus.Unknown)
                Raise(new HealthChange(last.Status, HealthStatus.Unknown, "health checks stopped", _time.GetUtcNow()));
        }
    }

    /// <summary>
    /// Start-up probes between two regular checks while the status is still unknown (a service that is booting):
    /// <see cref="HealthMonitorOptions.StartupProbeDelay"/> after the last one, doubling, until one passes — recorded
    /// as a check, so the instance turns healthy within moments of being ready instead of a whole interval later —
    /// or until the next regular check is due. Their failures are not recorded: only regular checks count towards
    /// "unhealthy", so a slow start is judged as before.
    /// </summary>
    private async Task ProbeUntilFirstPassAsync(CancellationToken stop)
    {
        if (_options.StartupProbeDelay is not { } delay || delay <= TimeSpan.Zero) return;
        var since = _time.GetTimestamp();
        while (delay < _settings.Interval - _time.GetElapsedTime(since))
        {
            await Task.Delay(delay, _time, stop);
            var check = await CheckAsync(stop);
            if (check.Result.IsHealthy)
            {
                Record(check);
                return;
            }
            delay *= 2;
        }
    }

    private async Task<HealthCheck> CheckAsync(CancellationToken stop)
    {
        var started = _time.GetTimestamp();
        var at = _time.GetUtcNow();
        var result = await ProbeOnceAsync(stop);
        return new HealthCheck(result, at, _time.GetElapsedTime(started));
    }

    /// <summary>One probe bounded by the timeout; only a stop escapes as an exception.</summary>
    private async Task<ProbeResult> ProbeOnceAsync(CancellationToken stop)
    {
        using var timeout = new CancellationTokenSource(_settings.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        try
        {
            return await _probe.ProbeAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return ProbeResult.Unhealthy($"timed out after {HumanText.Delay(_settings.Timeout)}");
        }
#pragma warning disable CA1031 // Whatever a probe throws is a failed check, not the end of health checking.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return ProbeResult.Unhealthy(e.Message);
        }
    }

    private void Record(HealthCheck check)
    {
        var before = _snapshot;
        var passed = check.Result.IsHealthy;
        var successes = passed ? before.ConsecutiveSuccesses + 1 : 0;
        var failures = passed ? 0 : before.ConsecutiveFailures + 1;
        var status = before.Status;
        string? reason = null;
        if (passed && status != HealthStatus.Healthy && successes >= _options.HealthyThreshold)
        {
            status = HealthStatus.Healthy;
            reason = successes == 1 ? $"check passed: {check.Result.Detail}" : $"{successes} consecutive checks passed: {check.Result.Detail}";
        }
        else if (!passed && status != HealthStatus.Unhealthy && failures >= _options.UnhealthyThreshold)
        {
            status = HealthStatus.Unhealthy;
            reason = failures == 1 ? $"check failed: {check.Result.Detail}" : $"{failures} consecutive checks failed: {check.Result.Detail}";
        }

        var after = new HealthSnapshot(status, failures, successes, check);
        _snapshot = after;
        if (Checked is { } checkedHandlers)
        {
            foreach (var handler in checkedHandlers.GetInvocationList())
                Deliver(() => ((Action<HealthSnapshot>)handler)(after));
        }
        if (reason is not null)
            Raise(new HealthChange(before.Status, status, reason, check.At));
    }

    private void Raise(HealthChange change)
    {
        _logger.LogInformation("Instance {Instance}: health {Old} -> {New}: {Reason}", InstanceId,
            HealthStatusNames.ToText(change.Old), HealthStatusNames.ToText(change.New), change.Reason);
        if (HealthChanged is not { } handlers) return;
        foreach (var handler in handlers.GetInvocationList())
            Deliver(() => ((Action<HealthChange>)handler)(change));
    }

    private void Deliver(Action action)
    {
        try
        {
            action();
        }
#pragma warning disable CA1031 // A subscriber's bug must not stop health checking.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.LogError(e, "Instance {Instance}: a health event handler failed", InstanceId);
        }
    }
}
