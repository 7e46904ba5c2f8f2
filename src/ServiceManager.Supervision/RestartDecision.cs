namespace ServiceManager.Supervision;

/// <summary>The outcome of <see cref="RestartPlanner.Plan"/>: restart after <see cref="Delay"/>, or give up.</summary>
/// <param name="RecentRestarts">Restarts already counted in the sliding window (before this one).</param>
internal sealed record RestartDecision(bool GiveUp, TimeSpan Delay, int RecentRestarts);
