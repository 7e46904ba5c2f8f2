using ServiceManager.Config.Model;
using ServiceManager.Platform;
using ServiceManager.Text;

namespace ServiceManager.Supervision;

// The rolling reload's step: a second run beside the running one, the old one stopped only once the new one is ready.
public sealed partial class InstanceSupervisor
{
    /// <summary>Without a health check or a ready line, a replacement still running after this long counts as ready.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Starts a replacement beside the running child, waits until it is ready (<see cref="Replacement"/>), at most the
    /// definition's <c>ready_timeout</c>, then stops the old child; the instance stays running throughout. A
    /// replacement that is not ready in time, or ends, is stopped and the old child keeps serving
    /// (<see cref="Replacement.Failure"/> says why). Done: replaced; Unchanged: it was not running; Failed: see the failure.
    /// </summary>
    /// <remarks>Only for instances whose runs can overlap: with <c>listen</c> (they share the socket) or without a port.</remarks>
    public Task<OperationOutcome> ReplaceAsync(Replacement replacement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        return SendAsync(SupervisorCommand.WithReply(CommandKind.Replace) with { Replacement = replacement }, cancellationToken);
    }

    private async Task<OperationOutcome> HandleReplaceAsync(Replacement replacement)
    {
        if (_state != InstanceState.Running || _child is not { } old)
        {
            replacement.Pid = _child?.Pid;
            return OperationOutcome.Unchanged;
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IChildProcess next;
        try
        {
            var output = _readyLine?.Watch(_output, () => ready.TrySetResult()) ?? _output;
            next = _context.Spawner.Spawn(RunRequest(), output);
        }
        catch (SpawnException ex)
        {
            replacement.Failure = $"replacement could not be started: {ex.Message}";
            replacement.Pid = old.Pid;
            _systemLog($"rolling reload: {replacement.Failure}; pid {old.Pid} keeps serving");
            return OperationOutcome.Failed;
        }

        _systemLog($"rolling reload: replacement pid {next.Pid} started beside pid {old.Pid}");
        var why = await WaitReadyAsync(next, replacement, ready.Task);
        if (why is not null)
        {
            replacement.Failure = $"replacement pid {next.Pid} {why}; pid {old.Pid} keeps serving";
            replacement.Pid = old.Pid;
            _systemLog($"rolling reload: {replacement.Failure}");
            await RetireAsync(next);
            return OperationOutcome.Failed;
        }

        // The new child is the instance's from here; the old one's exit, when it comes, is a stale message.
        _child = next;
        _startedAt = _context.Time.GetUtcNow();
        _run++;
        _logReady = _readyLine is not null;
        _restarts++;
        _exitedOnItsOwn = false;
        _ = ObserveExitAsync(next);
        Transition(InstanceState.Running, $"rolling reload: pid {next.Pid} ready, replaces pid {old.Pid}");
        await RetireAsync(old);
        replacement.Pid = next.Pid;
        return OperationOutcome.Done;
    }

    /// <summary>Null when <paramref name="next"/> became ready; else why not ("not ready within 5s", "exited with code 1").</summary>
    private async Task<string?> WaitReadyAsync(IChildProcess next, Replacement replacement, Task readyLine)
    {
        using var cancel = new CancellationTokenSource();
        var timeout = _definition.ReadyTimeout;
        var deadline = Task.Delay(timeout, _context.Time, cancel.Token);
        var readiness =
            _readyLine is not null ? readyLine
            : replacement.Healthy is { } healthy ? PollHealthAsync(healthy, cancel.Token)
            : Task.Delay(SettleTime, _context.Time, cancel.Token);
        try
        {
            var first = await Task.WhenAny(readiness, next.Exited, deadline);
            if (first == next.Exited) return ExitText.Describe(next.Exited.Result);
            if (first == deadline) return $"not ready within ready_timeout {HumanText.Delay(timeout)} ({ReadinessText()})";
            // Ready, unless it ended at the same moment.
            return next.Exited.IsCompleted ? ExitText.Describe(next.Exited.Result) : null;
        }
        finally
        {
            await cancel.CancelAsync();
        }

        string ReadinessText() =>
            _readyLine is not null ? $"no line matched ready_log_line \"{_readyLine.Text}\""
            : replacement.Healthy is not null ? "health check never passed"
            : $"it had to run for {HumanText.Delay(SettleTime)}";
    }

    private async Task PollHealthAsync(Func<CancellationToken, Task<bool>> healthy, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromMilliseconds(200);
        while (!await healthy(cancellationToken))
            await Task.Delay(interval, _context.Time, cancellationToken);
    }

    /// <summary>Stops a child that is not (or no longer) the instance's: stop signal to its group, grace, SIGKILL; no transition.</summary>
    private async Task RetireAsync(IChildProcess child)
    {
        var stop = _definition.Stop;
        var outcome = await StopSequence.RunAsync(child, stop.Signal, stop.Timeout, _context.Time, child.Exited,
            beforeKill: () => _systemLog($"{Reach(child)} still running after {HumanText.Delay(stop.Timeout)}: sent SIGKILL"));
        _systemLog($"rolling reload: pid {child.Pid} stopped{(outcome.Killed ? " with SIGKILL" : "")}");
        child.Dispose();
    }

    /// <summary>What a run is spawned with: the definition, and the <c>listen</c> socket (bound on the first run).</summary>
    /// <exception cref="SpawnException">The socket cannot be bound, or the definition cannot be spawned.</exception>
    private SpawnRequest RunRequest()
    {
        var request = SpawnRequests.ForInstance(_definition, _context.BaseEnvironment);
        if (_definition.Listen is not { } listen)
        {
            ReleaseSocket();
            return request;
        }

        if (_socket?.Address != listen)
        {
            ReleaseSocket();
            _socket = InstanceSocket.Bind(listen, Id);
        }

        return request with { Sockets = [_socket.Passed] };
    }

    private void ReleaseSocket()
    {
        _socket?.Dispose();
        _socket = null;
    }
}
