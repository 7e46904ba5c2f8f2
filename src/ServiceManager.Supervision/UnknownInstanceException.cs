namespace ServiceManager.Supervision;

/// <summary>A name resolved to no instance (an id, a numeric id or <c>:PORT</c>); nothing was done.</summary>
public sealed class UnknownInstanceException : Exception
{
    public UnknownInstanceException(string name) : base($"no such instance: {name}") => Name = name;

    public UnknownInstanceException(string message, Exception inner) : base(message, inner) => Name = "";

    public UnknownInstanceException() : this("") { }

    public string Name { get; }
}
