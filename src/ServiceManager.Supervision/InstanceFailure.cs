namespace ServiceManager.Supervision;

/// <summary>An instance a fleet operation could not bring to the requested state, and why.</summary>
public sealed record InstanceFailure(string Id, string Error);
