using Microsoft.Extensions.Logging;
using ServiceManager.Platform;
using ServiceManager.Text;

namespace ServiceManager.Supervision;

public sealed partial class InstanceSupervisor
{
    /// <summary>How often the process group is probed while waiting for it to vanish (each probe may scan /proc).</summary>
    internal static readonly TimeSpan GroupPollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a group gets to vanish after SIGKILL (it only lingers for processes stuck in the kernel).</summary>
    internal static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    /// <param name="keepIntent">A halt for shutdown: the instance still should run once the daemon is back.</param>
    private async Task<OperationOutcome> HandleStopAsync(bool keepIntent)
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
        var (request, done) = keepIntent ? ("daemon shutting down", "stopped: daemon shutting down") : ("stop requested", "stopped by request");
        switch (_state)
        {
            case InstanceState.Running:
                var detail = await TerminateChildAsync(request);
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
    /// The stop sequence: stop_command or the stop signal to the whole group, wait until the child has exited and the
    /// group is empty, SIGKILL the group after stop_timeout and wait again (bounded). Leaves the state in Stopping;
    /// returns a detail for the next transition's reason ("" when the child went quietly).
    /// </summary>
    private async Task<string> TerminateChildAsync(string reason)
    {
        var child = _child!;
        var stop = _definition.Stop;
        var command = string.IsNullOrWhiteSpace(stop.Command) ? null : stop.Command;
        Transition(
            InstanceState.Stopping,
            command is null ? $"{reason}: {SignalNames.Name(stop.Signal)} to process group {child.Pid}" : $"{reason}: stop_command");

        var helper = command is null ? null : RunStopCommand(command, child);
        if (command is null || helper is null)
            child.SignalGroup(stop.Signal);

        var detail = "";
        string? forced = null;
        if (!await WaitForGroupGoneAsync(child, stop.Timeout))
        {
            child.SignalGroup(SignalNames.SIGKILL);
            detail = $"; still running after {HumanText.Delay(stop.Timeout)}, sent SIGKILL";
            forced = command is null
                ? $"ignored {SignalNames.Name(stop.Signal)} for {HumanText.Delay(stop.Timeout)}; killed with SIGKILL"
                : $"still running {HumanText.Delay(stop.Timeout)} after stop_command; killed with SIGKILL";
            _systemLog($"process group {child.Pid} still running after {HumanText.Delay(stop.Timeout)}: sent SIGKILL");
            if (!await WaitForGroupGoneAsync(child, KillWait))
            {
                detail += $"; process group {child.Pid} still alive";
                forced += $"; process group {child.Pid} survived SIGKILL";
                _context.Logger.LogWarning("Instance {Instance}: process group {Pgid} survived SIGKILL", Id, child.Pid);
            }
        }

        detail += ReportStragglers(forced);

        if (helper is not null)
        {
            // A stop_command that hangs must not outlive the stop it was meant to perform.
            if (helper.IsGroupAlive())
            {
                helper.SignalGroup(SignalNames.SIGKILL);
                await WaitForGroupGoneAsync(helper, KillWait);
            }
            helper.Dispose();
        }

        if (child.Exited.IsCompletedSuccessfully)
            _lastExit = child.Exited.Result with { At = _context.Time.GetUtcNow() };
        ReleaseChild(child);
        return detail;
    }

    /// <summary>
    /// Sets <see cref="_stopIssue"/> from the forced kill (if any) and from processes of the instance still alive after
    /// its group is gone: descendants that called setsid() are in a session of their own, out of reach of a signal
    /// to the group. Returns a detail for the transition's reason ("" when nothing is left).
    /// </summary>
    private string ReportStragglers(string? forced)
    {
        var stragglers = _context.FindStragglers?.Invoke(Id) ?? [];
        if (stragglers.Count == 0)
        {
            _stopIssue = forced is null ? null : new StopIssue(forced, []);
            return "";
        }

        var list = string.Join(", ", stragglers.Select(p => $"pid {p.Pid} ({p.Command})"));
        var left = $"{stragglers.Count} process{(stragglers.Count == 1 ? "" : "es")} of the instance still running outside its process group: {list}";
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

    /// <summary>
    /// True once the child has been reaped and no process of its group is left, false if that takes longer than
    /// <paramref name="limit"/>. Checks before every delay, so a group that is already gone needs no timer.
    /// </summary>
    private async Task<bool> WaitForGroupGoneAsync(IChildProcess child, TimeSpan limit)
    {
        var time = _context.Time;
        var started = time.GetTimestamp();
        if (!child.Exited.IsCompleted)
        {
            using var timeout = new CancellationTokenSource();
            var delay = Task.Delay(limit, time, timeout.Token);
            if (await Task.WhenAny(child.Exited, delay) != child.Exited)
                return false;
            await timeout.CancelAsync();
        }

        while (child.IsGroupAlive())
        {
            var remaining = limit - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
                return false;
            await Task.Delay(remaining < GroupPollInterval ? remaining : GroupPollInterval, time);
        }
        return true;
    }
}
