namespace ServiceManager.Daemon.Diagnostics;

/// <summary>An instance's port, with the pid (= process group) of its running child, if any, and its cgroup in
/// cgroup mode (whatever is in it is the instance's too).</summary>
public sealed record PortClaim(int Port, string Instance, string State, int? Pid, string? Cgroup = null);
