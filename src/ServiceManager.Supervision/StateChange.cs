namespace ServiceManager.Supervision;

/// <summary>A transition with the snapshot taken right after it, queued for the event dispatcher.</summary>
internal sealed record StateChange(InstanceSnapshot Snapshot, StateTransition Transition);
