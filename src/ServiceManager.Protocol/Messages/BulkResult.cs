namespace ServiceManager.Protocol.Messages;

/// <summary>Result of <c>start</c>/<c>stop</c>/<c>restart</c>: which instances changed and which already were as asked.</summary>
public sealed record BulkResult(IReadOnlyList<string> Done, IReadOnlyList<string> Unchanged);
