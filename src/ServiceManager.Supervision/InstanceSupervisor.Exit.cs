using Microsoft.Extensions.Logging;
using ServiceManager.Config.Model;
using ServiceManager.Platform;
using ServiceManager.Text;

namespace ServiceManager.Supervision;

public sealed partial class InstanceSupervisor
{
    /// <summary>How long leftovers of a child that ended on its own get to die after SIGKILL before a restart.</summary>
    internal static readonly TimeSpan LeftoverKillWait = TimeSpan.FromSeconds(2);

    /// <summary>The child ended on its own: clean up its group, then restart, stop or fail according to the policy.</summary>
    private async Task<OperationOutcome> HandleChildExitedAsync(IChildProcess child, ChildExit exit)
    {
        // A stop or restart already dealt with this child; its exit message arrives late and means nothing now.
        if (!ReferenceEquals(child, _child))
            return OperationOutcome.Unchanged;

        var now = _context.Time.GetUtcNow();
        var uptime = now - (_startedAt ?? now);
        _lastExit = exit with { At = now };
        _exitedOnItsOwn = true;
        // Read now: the pipes are drained, and the next run has not written anything yet.
        var report = new ExitReport(_lastExit, _stderrTail?.Invoke(StderrTailLines) ?? []);

        // Grandchildren left in the group (or cgroup) would collide with the next run (ports, lock files): kill them first.
        if (child.IsGroupAlive())
        {
            _systemLog($"sent SIGKILL to processes left in {Reach(child)}");
            if (!await StopSequence.KillAsync(child, LeftoverKillWait, _context.Time, child.Exited))
                _context.Logger.LogWarning("Instance {Instance}: {Reach} still alive after SIGKILL", Id, Reach(child));
        }
        ReleaseChild(child);

        var what = ExitText.Describe(exit);
        var settings = _definition.Restart;
        if (settings.Policy == RestartPolicy.Never)
        {
            _shouldRun = false;
            ReleaseSocket();
            Transition(InstanceState.Stopped, $"{what}; restart=never", report);
            return OperationOutcome.Done;
        }
        if (settings.Policy == RestartPolicy.OnFailure && exit.IsSuccess)
        {
            _shouldRun = false;
            ReleaseSocket();
            Transition(InstanceState.Stopped, $"{what}; restart=on-failure", report);
            return OperationOutcome.Done;
        }

        var decision = _planner.Plan(settings, uptime, now);
        if (decision.GiveUp)
        {
            _lastError = $"crash loop: {decision.RecentRestarts} restarts in {HumanText.Delay(RestartPlanner.Window)}";
            // Given up: no run will accept on the socket, so clients should be refused rather than queue.
            ReleaseSocket();
            Transition(InstanceState.Failed, $"{what}; {_lastError}", report);
            return OperationOutcome.Done;
        }
        if (decision.Delay <= TimeSpan.Zero)
        {
            Transition(InstanceState.Restarting, $"{what}; restarting now", report);
            return SpawnChild("restarting after exit", isRestart: true);
        }

        // Timer first, then publish: whoever sees "restarting" (a test advancing a fake clock) finds the timer armed.
        ScheduleBackoff(decision.Delay);
        Transition(InstanceState.Restarting, $"{what}; restarting in {HumanText.Delay(decision.Delay)}", report);
        return OperationOutcome.Done;
    }

    private void ReleaseChild(IChildProcess child)
    {
        child.Dispose();
        _child = null;
        _startedAt = null;
        _logReady = false;
    }
}
