using ServiceManager.Config.Model;
using ServiceManager.Platform.Unix.Cgroups;

namespace ServiceManager.Daemon.Hosting;

/// <summary>
/// How this daemon keeps each child's processes together, decided once at start-up: a cgroup per run where cgroup v2
/// is writable and not turned off, else process groups only — and, for <c>svcmgr doctor</c>, which and why.
/// </summary>
/// <param name="Cgroups">The subtree children start in; null in process-group mode.</param>
/// <param name="Disabled">Turned off by <c>[daemon] cgroups = "off"</c> (rather than unavailable).</param>
/// <param name="Reason">Why cgroups are not used, when they are not.</param>
public sealed record Containment(CgroupContainment? Cgroups, bool Disabled, string? Reason)
{
    /// <summary>Probes cgroup v2 (a trial join, see <see cref="CgroupContainment.TryCreate"/>) unless turned off.</summary>
    public static Containment SetUp(CgroupMode mode, string stateDirectory)
    {
        if (mode == CgroupMode.Off) return new Containment(null, Disabled: true, "cgroups = \"off\" in [daemon]");
        var cgroups = CgroupContainment.TryCreate(stateDirectory, out var reason);
        return new Containment(cgroups, Disabled: false, reason);
    }

    /// <summary>One line: "cgroup v2 at DIR" or "process groups only (WHY)".</summary>
    public string Description => Cgroups is { } c
        ? $"cgroup v2 at {c.Root.Directory}" + (c.HasKillFile ? "" : "; no cgroup.kill (Linux before 5.14): SIGKILL goes to each process")
        : Disabled ? $"process groups only ({Reason})" : $"process groups only (cgroup v2 not writable: {Reason})";
}
