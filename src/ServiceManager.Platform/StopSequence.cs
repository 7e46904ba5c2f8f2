namespace ServiceManager.Platform;

/// <summary>
/// The one stop sequence of svcmgr: the stop signal to the group, up to the grace for it to vanish, then SIGKILL and
/// a bounded wait. A supervisor stopping its child, the clean-up after a crash and the recovery of a previous
/// daemon's children all run it.
/// </summary>
public static class StopSequence
{
    /// <summary>How often the group is probed while waiting for it to vanish (each probe may scan /proc).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a group gets to vanish after SIGKILL (it only lingers for processes stuck in the kernel).</summary>
    public static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    /// <param name="signal">Sent first; null when something else asks the group to stop (a stop_command).</param>
    /// <param name="reaped">Completes when the group's leader has been reaped (a live child's exit): waited for first,
    /// without polling. Null for groups whose leader is not ours.</param>
    /// <param name="beforeKill">Called when the grace has run out, just before SIGKILL (to log why).</param>
    public static async Task<StopOutcome> RunAsync(
        IProcessGroup group, int? signal, TimeSpan grace, TimeProvider time,
        Task? reaped = null, Action? beforeKill = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(time);
        var started = time.GetTimestamp();
        if (signal is { } s) group.SignalGroup(s);
        if (await WaitGoneAsync(group, grace, time, reaped, cancellationToken))
            return new StopOutcome(Killed: false, Survived: false, time.GetElapsedTime(started));

        beforeKill?.Invoke();
        var gone = await KillAsync(group, KillWait, time, reaped, cancellationToken);
        return new StopOutcome(Killed: true, Survived: !gone, time.GetElapsedTime(started));
    }

    /// <summary>SIGKILL to the group, then up to <paramref name="wait"/> for it to vanish; true once it has.</summary>
    public static Task<bool> KillAsync(IProcessGroup group, TimeSpan wait, TimeProvider time, Task? reaped = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.SignalGroup(SignalNames.SIGKILL);
        return WaitGoneAsync(group, wait, time, reaped, cancellationToken);
    }

    /// <summary>
    /// True once <paramref name="reaped"/> (if any) has completed and no member is alive, false if that takes longer
    /// than <paramref name="limit"/>. Checks before every delay, so a group that is already gone needs no timer.
    /// </summary>
    public static async Task<bool> WaitGoneAsync(
        IProcessGroup group, TimeSpan limit, TimeProvider time, Task? reaped = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(time);
        var started = time.GetTimestamp();
        if (reaped is { IsCompleted: false })
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(limit, time, timeout.Token);
            if (await Task.WhenAny(reaped, delay) != reaped)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return false;
            }
            await timeout.CancelAsync();
        }

        while (group.IsGroupAlive())
        {
            var remaining = limit - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero) return false;
            await Task.Delay(remaining < PollInterval ? remaining : PollInterval, time, cancellationToken);
        }
        return true;
    }
}
