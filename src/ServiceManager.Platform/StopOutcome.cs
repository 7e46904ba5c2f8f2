namespace ServiceManager.Platform;

/// <summary>What <see cref="StopSequence.RunAsync"/> had to do.</summary>
/// <param name="Killed">The grace ran out: SIGKILL was sent.</param>
/// <param name="Survived">Members were still alive even after SIGKILL and <see cref="StopSequence.KillWait"/>.</param>
public sealed record StopOutcome(bool Killed, bool Survived, TimeSpan Elapsed);
