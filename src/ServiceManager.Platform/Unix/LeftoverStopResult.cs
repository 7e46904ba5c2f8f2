namespace ServiceManager.Platform.Unix;

/// <summary>What stopping a previous daemon's leftover (<see cref="LeftoverGroup"/>, <see cref="Cgroups.LeftoverCgroup"/>) found and did.</summary>
/// <param name="Members">The pids found alive before the stop signal (empty: nothing was running, nothing was sent).</param>
public sealed record LeftoverStopResult(IReadOnlyList<int> Members, StopOutcome Outcome)
{
    public LeftoverStopResult(IReadOnlyList<ProcStat> members, StopOutcome outcome) : this([.. members.Select(m => m.Pid)], outcome)
    {
    }

    /// <summary>The stop signal was not enough within the grace: SIGKILL was sent.</summary>
    public bool Killed => Outcome.Killed;

    /// <summary>Members were still alive even after SIGKILL and its wait.</summary>
    public bool Survivors => Outcome.Survived;

    public TimeSpan Elapsed => Outcome.Elapsed;
}
