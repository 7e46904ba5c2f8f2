namespace ServiceManager.Platform.Unix;

/// <summary>How <see cref="UnixProcessSpawner"/> creates a child (docs/containment.md).</summary>
public enum SpawnMethod
{
    /// <summary>The native spawner: <c>clone3</c>, in its cgroup from birth (x86_64, Linux 5.9+).</summary>
    Clone3,

    /// <summary><c>posix_spawn</c>; a <c>/bin/sh</c> step joins the cgroup and sets <c>LISTEN_PID</c> when needed.</summary>
    PosixSpawn,
}
