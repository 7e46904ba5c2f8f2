using Microsoft.Extensions.Logging;
using ServiceManager.Platform;

namespace ServiceManager.Supervision;

// kill: a stop without the courtesy — SIGKILL to the whole group (and cgroup) at once, for a child that hangs or
// ignores its stop signal and should not get its grace.
public sealed partial class InstanceSupervisor
{
    /// <summary>
    /// SIGKILL to the child's whole process group (and its cgroup) at once, without stop signal, stop_command or
    /// grace, and leaves the instance stopped like <see cref="StopAsync"/> (no restart). A pending restart is cancelled.
    /// </summary>
    public Task<OperationOutcome> KillAsync(CancellationToken cancellationToken = default) =>
        SendAsync(SupervisorCommand.WithReply(CommandKind.Kill), cancellationToken);

    /// <summary>The kill itself: leaves the state in Stopping; returns a detail for the next transition's reason.</summary>
    private async Task<string> KillChildAsync(string reason)
    {
        var child = _child!;
        var reach = Reach(child);
        Transition(InstanceState.Stopping, $"{reason}: SIGKILL to {reach}");
        var gone = await StopSequence.KillAsync(child, StopSequence.KillWait, _context.Time, child.Exited);
        string? survived = null;
        if (!gone)
        {
            survived = $"{reach} survived SIGKILL";
            _context.Logger.LogWarning("Instance {Instance}: {Reach} survived SIGKILL", Id, reach);
        }

        // SIGKILL was asked for, so it is no issue in itself; what it could not reach is.
        var detail = (survived is null ? "" : $"; {reach} still alive") + ReportStragglers(survived, child);
        if (child.Exited.IsCompletedSuccessfully)
            _lastExit = child.Exited.Result with { At = _context.Time.GetUtcNow() };
        ReleaseChild(child);
        return detail;
    }
}
