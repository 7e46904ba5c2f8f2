using ServiceManager.Config.Model;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Monitoring;

/// <summary>A dependency a waiting start still waits for, and why it is not ready.</summary>
internal sealed record DependencyWait(Dependency Dependency, DependencyCheck Check)
{
    /// <summary>"migrate: completed with exit 1 — never": for logs and messages.</summary>
    public override string ToString() => $"{Dependency.Name}: {Check.Reason}{(Check.Never ? " — never" : "")}";
}
