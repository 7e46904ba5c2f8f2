namespace ServiceManager.Protocol.Messages;

/// <summary>Result of <c>rollingRestart</c>.</summary>
/// <param name="Replaced">Members whose replacement became ready before the old process was stopped.</param>
/// <param name="Restarted">Instances that could not overlap (no <c>listen</c>, a fixed port): stopped then started,
/// not zero-downtime; <see cref="Warnings"/> says so.</param>
/// <param name="Unchanged">Instances that were not running: nothing to replace.</param>
public sealed record RollingRestartResult(
    IReadOnlyList<string> Replaced, IReadOnlyList<string> Restarted, IReadOnlyList<string> Unchanged, IReadOnlyList<string> Warnings);
