namespace ServiceManager.Supervision;

/// <summary>
/// A name that fits more than one instance (a port two instances share, a pid in two instances' trees, the word
/// <c>all</c> when an instance is called that); nothing was done. The message lists the candidates.
/// </summary>
public sealed class AmbiguousNameException : FleetException
{
    /// <param name="candidates">The instances it fits, as ids, in numeric-id order.</param>
    /// <param name="hint">What to type instead; by default "use one of their ids".</param>
    public AmbiguousNameException(string name, IReadOnlyList<string> candidates, string? hint = null)
        : base(FleetErrorKind.Ambiguous, $"'{name}' is ambiguous: it fits {string.Join(", ", candidates)}; {hint ?? "use one of their ids"}")
    {
        Name = name;
        Candidates = candidates;
    }

    public AmbiguousNameException() : this("", []) { }

    public AmbiguousNameException(string message) : base(FleetErrorKind.Ambiguous, message) => Candidates = [];

    public AmbiguousNameException(string message, Exception inner) : base(FleetErrorKind.Ambiguous, message, inner) => Candidates = [];

    public string Name { get; } = "";

    public IReadOnlyList<string> Candidates { get; }
}
