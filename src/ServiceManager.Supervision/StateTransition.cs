namespace ServiceManager.Supervision;

/// <summary>One change of state, e.g. running → restarting at 12:00:01, "exited with code 1; restarting in 2s".</summary>
public sealed record StateTransition(InstanceState From, InstanceState To, DateTimeOffset At, string Reason);
