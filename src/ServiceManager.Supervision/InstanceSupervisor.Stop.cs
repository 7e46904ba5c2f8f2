using Microsoft.Extensions.Logging;
using ServiceManager.Platform;

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
        if (!await WaitForGroupGoneAsync(child, stop.Timeout))
        {
            child.SignalGroup(SignalNames.SIGKILL);
            detail = $"; still running after {DurationText.Format(stop.Timeout)}, sent SIGKILL";
            _systemLog($"process group {child.Pid} still running after {DurationText.Format(stop.Timeout)}: sent SIGKILL");
            if (!await WaitForGroupGoneAsync(child, KillWait))
            {
                detail += $"; process group {child.Pid} still alive";
                _context.Logger.LogWarning("Instance {Instance}: process group {Pgid} survived SIGKILL", Id, child.Pid);
            }
        }

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
