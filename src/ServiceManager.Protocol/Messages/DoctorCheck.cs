namespace ServiceManager.Protocol.Messages;

/// <summary>One check of <c>doctor</c>; <c>status</c> is "ok", "warn" or "fail".</summary>
public sealed record DoctorCheck(string Name, string Status, string Message, string? Hint);
