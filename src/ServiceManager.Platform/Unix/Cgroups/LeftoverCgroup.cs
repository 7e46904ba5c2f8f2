namespace ServiceManager.Platform.Unix.Cgroups;

/// <summary>
/// A run's cgroup left by an earlier daemon (recorded in <c>state.json</c>, or found in the subtree): every process
/// in it is that run's, whatever group or session it moved to. A stop signals each member once; SIGKILL is the
/// cgroup's (<see cref="Cgroup.Kill"/>).
/// </summary>
public sealed class LeftoverCgroup(Cgroup cgroup) : IProcessGroup
{
    public Cgroup Cgroup { get; } = cgroup;

    public bool SignalGroup(int signal) =>
        signal == SignalNames.SIGKILL ? Cgroup.Kill() : Cgroup.SignalEach(signal) > 0;

    public bool IsGroupAlive() => Cgroup.IsPopulated();

    /// <summary>The <see cref="StopSequence"/> (nothing is sent when the cgroup is empty), then the cgroup is
    /// removed if nothing is left in it.</summary>
    public async Task<LeftoverStopResult> StopAsync(int signal, TimeSpan grace, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var members = Cgroup.Members();
        var outcome = members.Count == 0
            ? new StopOutcome(Killed: false, Survived: false, TimeSpan.Zero)
            : await StopSequence.RunAsync(this, signal, grace, time, cancellationToken: cancellationToken);
        if (!outcome.Survived) Cgroup.TryRemove();
        return new LeftoverStopResult(members, outcome);
    }
}
