using ServiceManager.Platform;

namespace ServiceManager.Supervision;

/// <summary>How a child that ended on its own went: its exit, and the last lines it wrote to stderr (at most
/// <see cref="InstanceSupervisor.StderrTailLines"/>), which usually say why.</summary>
public sealed record ExitReport(ChildExit Exit, IReadOnlyList<string> StderrTail);
