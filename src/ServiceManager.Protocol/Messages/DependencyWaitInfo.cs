namespace ServiceManager.Protocol.Messages;

/// <summary>A <c>depends_on</c> entry a waiting start still waits for.</summary>
/// <param name="Condition"><c>running</c> (a bare name), <c>started</c>, <c>healthy</c>, <c>log_ready</c> or <c>completed</c>.</param>
/// <param name="Reason">Why it is not met, e.g. "running, not healthy yet", "completed with exit 1".</param>
/// <param name="Never">The dependency's run ended in a way that rules the condition out: the dependant keeps waiting
/// until someone starts the dependency again.</param>
public sealed record DependencyWaitInfo(string Name, string Condition, string Reason, bool Never);
