namespace ServiceManager.Protocol.Messages;

/// <summary>The <c>{}</c> result of methods that return nothing.</summary>
public sealed record EmptyResult
{
    public static EmptyResult Instance { get; } = new();
}
