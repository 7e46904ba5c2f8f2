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
public sealed record LeftoverGroup(int Pgid, ulong LeaderStartTime) : IProcessGroup
{
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

    /// <summary>To the group, only while it is still the one recorded (a live member proves it).</summary>
    public bool SignalGroup(int signal) => LiveMembers().Count > 0 && UnixProcess.Signal(-Pgid, signal);

    public bool IsGroupAlive() => LiveMembers().Count > 0;

    /// <summary>The <see cref="StopSequence"/>: <paramref name="signal"/>, up to <paramref name="grace"/>, SIGKILL.
    /// Does nothing if no member is alive.</summary>
    public async Task<LeftoverStopResult> StopAsync(int signal, TimeSpan grace, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var members = LiveMembers();
        if (members.Count == 0) return new LeftoverStopResult(Array.Empty<int>(), new StopOutcome(Killed: false, Survived: false, TimeSpan.Zero));
        return new LeftoverStopResult(members, await StopSequence.RunAsync(this, signal, grace, time, cancellationToken: cancellationToken));
    }
}
