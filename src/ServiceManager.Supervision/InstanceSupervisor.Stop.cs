using Microsoft.Extensions.Logging;
using ServiceManager.Platform;
using ServiceManager.Text;

namespace ServiceManager.Supervision;

public sealed partial class InstanceSupervisor
{
    /// <param name="keepIntent">A halt for shutdown: the instance still should run once the daemon is back.</param>
    /// <param name="kill">SIGKILL at once, with no stop signal, stop_command or grace (<see cref="KillAsync"/>).</param>
    private async Task<OperationOutcome> HandleStopAsync(bool keepIntent, bool kill = false)
    {
        // Whoever asked for this stop reads the issue right after it: never hand them an older stop's.
        _stopIssue = null;
        if (!keepIntent && _shouldRun)
        {
            _shouldRun = false;
            // Published with the transition below; a stopped instance has none, so publish here.
            if (_state is InstanceState.Stopped) Publish();
        }

        if (keepIntent && _state is InstanceState.Failed) return OperationOutcome.Unchanged;
        var (request, done) = keepIntent ? ("daemon shutting down", "stopped: daemon shutting down")
            : kill ? ("kill requested", "killed by request") : ("stop requested", "stopped by request");
        // No run to hand it to: a client should be refused, not left waiting in the backlog of a socket nobody accepts on.
        ReleaseSocket();
        switch (_state)
        {
            case InstanceState.Running:
                var detail = kill ? await KillChildAsync(request) : await TerminateChildAsync(request);
                Transition(InstanceState.Stopped, done + detail);
                return OperationOutcome.Done;
            case InstanceState.Restarting:
                CancelBackoff();
                Transition(InstanceState.Stopped, done + " (pending restart cancelled)");
                return OperationOutcome.Done;
            case InstanceState.Failed:
                Transition(InstanceState.Stopped, done);
                return OperationOutcome.Done;
            default:
                return OperationOutcome.Unchanged;
        }
    }

    private async Task<OperationOutcome> HandleShutdownAsync()
    {
        ReleaseSocket();
        if (_state == InstanceState.Running)
        {
            var detail = await TerminateChildAsync("shutting down");
            Transition(InstanceState.Stopped, "stopped: supervisor shutting down" + detail);
        }
        else if (_state == InstanceState.Restarting)
        {
            CancelBackoff();
            Transition(InstanceState.Stopped, "stopped: supervisor shutting down (pending restart cancelled)");
        }
        return OperationOutcome.Done;
    }

    /// <summary>
    /// The stop: stop_command, or the stop signal to the whole group (and to the rest of its cgroup), then the
    /// <see cref="StopSequence"/>: wait until the child has exited and nothing of it is left, SIGKILL after
    /// stop_timeout and wait again (bounded). Leaves the state in Stopping; returns a detail for the next transition's
    /// reason ("" when the child went quietly).
    /// </summary>
    private async Task<string> TerminateChildAsync(string reason)
    {
        var child = _child!;
        var stop = _definition.Stop;
        var command = string.IsNullOrWhiteSpace(stop.Command) ? null : stop.Command;
        var reach = Reach(child);
        Transition(
            InstanceState.Stopping,
            command is null ? $"{reason}: {SignalNames.Name(stop.Signal)} to {reach}" : $"{reason}: stop_command");

        var helper = command is null ? null : RunStopCommand(command, child);
        var grace = HumanText.Delay(stop.Timeout);
        var outcome = await StopSequence.RunAsync(
            child, helper is null ? stop.Signal : null, stop.Timeout, _context.Time, child.Exited,
            beforeKill: () => _systemLog($"{reach} still running after {grace}: sent SIGKILL"));

        var detail = "";
        string? forced = null;
        if (outcome.Killed)
        {
            detail = $"; still running after {grace}, sent SIGKILL";
            forced = command is null
                ? $"ignored {SignalNames.Name(stop.Signal)} for {grace}; killed with SIGKILL"
                : $"still running {grace} after stop_command; killed with SIGKILL";
            if (outcome.Survived)
            {
                detail += $"; {reach} still alive";
                forced += $"; {reach} survived SIGKILL";
                _context.Logger.LogWarning("Instance {Instance}: {Reach} survived SIGKILL", Id, reach);
            }
        }

        detail += ReportStragglers(forced, child);

        if (helper is not null)
        {
            // A stop_command that hangs must not outlive the stop it was meant to perform.
            if (helper.IsGroupAlive())
                await StopSequence.KillAsync(helper, StopSequence.KillWait, _context.Time, helper.Exited);
            helper.Dispose();
        }

        if (child.Exited.IsCompletedSuccessfully)
        {
            _lastExit = child.Exited.Result with { At = _context.Time.GetUtcNow() };
            _exitedOnItsOwn = false;
        }
        ReleaseChild(child);
        return detail;
    }

    /// <summary>What a stop signal reaches, for messages: "process group 4242", "process group 4242 and cgroup web-1@1".</summary>
    private static string Reach(IChildProcess child) =>
        child.Cgroup is { } cgroup ? $"process group {child.Pid} and cgroup {Path.GetFileName(cgroup)}" : $"process group {child.Pid}";

    /// <summary>
    /// Sets <see cref="_stopIssue"/> from the forced kill (if any) and from processes of the instance still alive after
    /// its group is gone: descendants that called setsid() are in a session of their own, out of reach of a signal
    /// to the group (in a cgroup they are reached, unless they moved themselves out of it). Returns a detail for the
    /// transition's reason ("" when nothing is left).
    /// </summary>
    private string ReportStragglers(string? forced, IChildProcess child)
    {
        var stragglers = _context.FindStragglers?.Invoke(Id) ?? [];
        if (stragglers.Count == 0)
        {
            _stopIssue = forced is null ? null : new StopIssue(forced, []);
            return "";
        }

        var list = string.Join(", ", stragglers.Select(p => $"pid {p.Pid} ({p.Command})"));
        var left = $"{stragglers.Count} process{(stragglers.Count == 1 ? "" : "es")} of the instance still running outside its {(child.Cgroup is null ? "process group" : "cgroup")}: {list}";
        _stopIssue = new StopIssue(forced is null ? left : $"{forced}; {left}", [.. stragglers.Select(p => p.Pid)]);
        _systemLog($"stop left {left}");
        _context.Logger.LogWarning("Instance {Instance}: stop left {Stragglers}", Id, left);
        return "; " + left;
    }

    /// <summary>Runs stop_command ({pid} substituted); null when it cannot be spawned, so the caller signals instead.</summary>
    private IChildProcess? RunStopCommand(string command, IChildProcess child)
    {
        try
        {
            var request = SpawnRequests.ForStopCommand(_definition, command, child.Pid, _context.BaseEnvironment);
            return _context.Spawner.Spawn(request, new SystemLineSink("stop_command: ", _systemLog));
        }
        catch (SpawnException ex)
        {
            _systemLog($"stop_command could not be run ({ex.Message}); sending {SignalNames.Name(_definition.Stop.Signal)} instead");
            return null;
        }
    }
}
