namespace ServiceManager.Supervision;

/// <summary>One change of state, e.g. running → restarting at 12:00:01, "exited with code 1; restarting in 2s".</summary>
public sealed record StateTransition(InstanceState From, InstanceState To, DateTimeOffset At, string Reason)
{
    /// <summary>Set when the child ending on its own caused this transition (a crash, or a clean exit): how it ended
    /// and what it last said on stderr. Null for every other transition.</summary>
    public ExitReport? Exit { get; init; }
}
