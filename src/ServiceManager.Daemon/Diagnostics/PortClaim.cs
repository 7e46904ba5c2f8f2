namespace ServiceManager.Daemon.Diagnostics;

/// <summary>An instance's port, with the pid (= process group) of its running child, if any.</summary>
public sealed record PortClaim(int Port, string Instance, string State, int? Pid);
