namespace ServiceManager.Protocol.Messages;

/// <summary>One row of <c>ports</c>: a port assigned to an instance and who, if anyone, listens on it.</summary>
/// <param name="Pid">The listening process, when it can be seen in /proc.</param>
/// <param name="Conflict">Something outside the instance's process group listens on the port.</param>
public sealed record PortInfo(int Port, string Instance, string State, bool Listening, int? Pid, string? Process, bool Conflict);
