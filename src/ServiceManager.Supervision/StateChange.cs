namespace ServiceManager.Supervision;

/// <summary>A transition with the snapshot taken right after it, queued for the event dispatcher; without a transition,
/// the run became log-ready (its state did not change).</summary>
internal sealed record StateChange(InstanceSnapshot Snapshot, StateTransition? Transition);
