namespace ServiceManager.Supervision;

/// <summary>A name resolved to no instance (an id, a numeric id or <c>:PORT</c>); nothing was done.</summary>
/// <remarks>The one place that words it, for every front end: the message lists the instances there are.</remarks>
public sealed class UnknownInstanceException : FleetException
{
    /// <param name="known">The ids there are, in numeric-id order.</param>
    public UnknownInstanceException(string name, IReadOnlyCollection<string> known)
        : base(FleetErrorKind.NotFound, known.Count == 0
            ? $"no such instance '{name}' (there are no instances)"
            : $"no such instance '{name}'; known: {string.Join(", ", known)}") => Name = name;

    public UnknownInstanceException(string name) : base(FleetErrorKind.NotFound, $"no such instance '{name}'") => Name = name;

    public UnknownInstanceException(string message, Exception inner) : base(FleetErrorKind.NotFound, message, inner) => Name = "";

    public UnknownInstanceException() : this("") { }

    public string Name { get; }
}
