namespace ServiceManager.Config.Model;

/// <summary><c>[daemon] cgroups</c>: where a stop's reach comes from (docs/containment.md).</summary>
public enum CgroupMode
{
    /// <summary><c>"auto"</c>: a cgroup per run where cgroup v2 is writable, else process groups.</summary>
    Auto,

    /// <summary><c>"off"</c>: process groups only, as without cgroup v2.</summary>
    Off,
}
