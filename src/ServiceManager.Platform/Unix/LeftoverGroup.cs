namespace ServiceManager.Platform.Unix;

/// <summary>
/// The process group of a child started by an earlier daemon, found again from its pid (= pgid = sid) and the start
/// time recorded then. A pid reused by an unrelated process has another start time and is left alone.
/// </summary>
/// <remarks>
/// Linux keeps a pid number allocated while any process still uses it as its group or session id, so members of
/// group P whose leader died cannot belong to a newer process with pid P. Members are also required to be in session
/// P and to have started no earlier than the leader.
/// </remarks>
public sealed record LeftoverGroup(int Pgid, ulong LeaderStartTime)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>How long the group gets to vanish after SIGKILL.</summary>
    public static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    /// <summary>The live (non-zombie) members of the group; empty when it is gone or the pid now belongs to someone else.</summary>
    public IReadOnlyList<ProcStat> LiveMembers()
    {
        if (Pgid <= 1 || LeaderStartTime == 0) return [];
        if (ProcStat.Read(Pgid) is { } leader && leader.StartTime != LeaderStartTime) return [];
        return
        [
            .. ProcStat.ReadAll().Where(p =>
                p.ProcessGroup == Pgid && p.Session == Pgid && !p.IsZombie && p.StartTime >= LeaderStartTime),
        ];
    }

    /// <summary>
    /// <paramref name="signal"/> to the group, up to <paramref name="grace"/> for it to vanish, then SIGKILL and up to
    /// <see cref="KillWait"/> more. Does nothing if no member is alive.
    /// </summary>
    public async Task<LeftoverStopResult> StopAsync(int signal, TimeSpan grace, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        var members = LiveMembers();
        if (members.Count == 0) return new LeftoverStopResult([], Killed: false, Survivors: false, TimeSpan.Zero);

        var started = time.GetTimestamp();
        UnixProcess.Signal(-Pgid, signal);
        if (await WaitGoneAsync(grace, time, cancellationToken))
            return new LeftoverStopResult(members, Killed: false, Survivors: false, time.GetElapsedTime(started));

        UnixProcess.Signal(-Pgid, SignalNames.SIGKILL);
        var gone = await WaitGoneAsync(KillWait, time, cancellationToken);
        return new LeftoverStopResult(members, Killed: true, Survivors: !gone, time.GetElapsedTime(started));
    }

    private async Task<bool> WaitGoneAsync(TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (LiveMembers().Count > 0)
        {
            var remaining = limit - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero) return false;
            await Task.Delay(remaining < PollInterval ? remaining : PollInterval, time, cancellationToken);
        }
        return true;
    }
}
