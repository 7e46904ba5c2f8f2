namespace ServiceManager.Platform;

/// <summary>Where a process sits: what tells which instance's tree it belongs to (<c>pid:N</c>, a port's holder).</summary>
/// <param name="Ancestors">Its parent, the parent's parent and so on, up to but not including pid 1.</param>
/// <param name="Cgroup">The directory of its cgroup (v2), comparable with <see cref="IChildProcess.Cgroup"/>; null
/// without cgroup v2.</param>
public sealed record ProcessPlace(int Pid, int ProcessGroup, int Session, IReadOnlyList<int> Ancestors, string? Cgroup);
