namespace ServiceManager.Platform.Unix;

/// <summary>What <see cref="LeftoverGroup.StopAsync"/> found and did.</summary>
/// <param name="Members">The live members found before the stop signal (empty: nothing was running, nothing was sent).</param>
/// <param name="Killed">The stop signal was not enough within the grace: SIGKILL was sent.</param>
/// <param name="Survivors">Members were still alive even after SIGKILL and its wait.</param>
public sealed record LeftoverStopResult(IReadOnlyList<ProcStat> Members, bool Killed, bool Survivors, TimeSpan Elapsed);
