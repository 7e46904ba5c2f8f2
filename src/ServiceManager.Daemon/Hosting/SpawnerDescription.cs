using ServiceManager.Platform.Unix;

namespace ServiceManager.Daemon.Hosting;

/// <summary>
/// How this process creates children (docs/containment.md), in one line for daemon.log and <c>svcmgr doctor</c>: the
/// native spawner where <c>libsvcmgr-spawn.so</c> and the kernel allow it, else posix_spawn, and why.
/// </summary>
public static class SpawnerDescription
{
    public static bool IsNative => UnixProcessSpawner.DefaultMethod == SpawnMethod.Clone3;

    /// <param name="cgroups">Whether children start in cgroups: only then does the fallback cost a migration per start.</param>
    public static string Describe(bool cgroups) => UnixProcessSpawner.Clone3UnavailableReason is { } why
        ? $"posix_spawn, not the native spawner ({why})"
          + (cgroups ? "; children join their cgroup through a /bin/sh step, a migration that delays each start" : "")
        : "native (clone3, libsvcmgr-spawn.so)" + (cgroups ? ": children are born in their cgroup" : "");
}
