namespace ServiceManager.Supervision;

/// <summary>Whether a dependency's condition holds now and, if not, why.</summary>
/// <param name="Reason">For people, without the dependency's name: "running, not healthy yet", "completed with exit 1".</param>
/// <param name="Never">The dependency's run ended in a way that rules the condition out: it will not hold unless
/// someone starts the dependency again (the dependant keeps waiting for that).</param>
public sealed record DependencyCheck(bool Met, string Reason, bool Never = false)
{
    public static DependencyCheck Ready { get; } = new(true, "ready");

    public static DependencyCheck Waiting(string reason) => new(false, reason);

    public static DependencyCheck Blocked(string reason) => new(false, reason, Never: true);
}
