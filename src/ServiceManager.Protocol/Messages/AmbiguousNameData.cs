namespace ServiceManager.Protocol.Messages;

/// <summary>
/// The <c>data</c> of the <c>-32602</c> error for a name that fits more than one instance: the instances it fits (ids,
/// in numeric-id order; for the word <c>all</c>, the instance called so and "every instance").
/// </summary>
public sealed record AmbiguousNameData(IReadOnlyList<string> Candidates);
