namespace ServiceManager.Daemon.Persistence;

/// <summary>A live child as recorded: enough to find it again after a crash and to stop it as it would have been stopped.</summary>
/// <param name="Pgid">The child's process group (it is a session leader, so the same as its pid).</param>
/// <param name="StartTime">Field 22 of /proc/PID/stat when it started: a pid with another start time is someone else.</param>
/// <param name="Cgroup">The directory of the run's cgroup, which holds every process the child started; absent
/// without cgroups.</param>
internal sealed record ChildRecord(int Pid, int Pgid, ulong StartTime, int StopSignal, long StopTimeoutMs, string? Cgroup = null);
