namespace ServiceManager.Protocol.Messages;

/// <summary>Result of <c>reload</c>: instance ids by what the new config did to them.</summary>
public sealed record ReloadResult(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> Unchanged);
