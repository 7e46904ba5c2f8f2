using Microsoft.Extensions.Logging;
using ServiceManager.Platform;

namespace ServiceManager.Supervision;

public sealed partial class InstanceSupervisor
{
    private async Task RunLoopAsync()
    {
        await foreach (var command in _mailbox.Reader.ReadAllAsync())
        {
            try
            {
                var outcome = await HandleAsync(command);
                command.Reply?.TrySetResult(outcome);
            }
#pragma warning disable CA1031 // The loop must survive any bug in one handler; the caller gets the exception.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _context.Logger.LogError(ex, "Instance {Instance}: handling {Command} failed", Id, command.Kind);
                _lastError = ex.Message;
                Publish();
                command.Reply?.TrySetException(ex);
            }

            if (command.Kind == CommandKind.Shutdown)
                break;
        }

        _mailbox.Writer.TryComplete();
        while (_mailbox.Reader.TryRead(out var late))
            late.Reply?.TrySetException(new ObjectDisposedException(nameof(InstanceSupervisor), $"instance '{Id}' was disposed"));
        _eventQueue.Writer.TryComplete();
    }

    private Task<OperationOutcome> HandleAsync(SupervisorCommand command) => command.Kind switch
    {
        CommandKind.Start => Task.FromResult(HandleStart(command.Reason ?? "start requested")),
        CommandKind.Stop => HandleStopAsync(keepIntent: false),
        CommandKind.Kill => HandleStopAsync(keepIntent: false, kill: true),
        CommandKind.Halt => HandleStopAsync(keepIntent: true),
        CommandKind.Restart => HandleRestartAsync(command.Reason ?? "restart requested"),
        CommandKind.UpdateDefinition => HandleUpdateAsync(command),
        CommandKind.ChildExited => HandleChildExitedAsync(command.Child!, command.Exit!),
        CommandKind.BackoffElapsed => Task.FromResult(HandleBackoffElapsed(command.BackoffToken)),
        CommandKind.LogReady => Task.FromResult(HandleLogReady(command.Run)),
        CommandKind.Replace => HandleReplaceAsync(command.Replacement!),
        CommandKind.Shutdown => HandleShutdownAsync(),
        _ => throw new InvalidOperationException($"unknown command {command.Kind}"),
    };

    private OperationOutcome HandleStart(string reason)
    {
        if (_state == InstanceState.Running)
        {
            if (_shouldRun) return OperationOutcome.Unchanged;
            _shouldRun = true;
            Publish();
            return OperationOutcome.Unchanged;
        }

        _shouldRun = true;
        CancelBackoff();
        _planner.Reset();
        return SpawnChild(reason, isRestart: false);
    }

    private async Task<OperationOutcome> HandleRestartAsync(string reason)
    {
        _shouldRun = true;
        var detail = "";
        if (_state == InstanceState.Running)
            detail = await TerminateChildAsync(reason);
        CancelBackoff();
        _planner.Reset();
        return SpawnChild(reason + detail, isRestart: true);
    }

    private async Task<OperationOutcome> HandleUpdateAsync(SupervisorCommand command)
    {
        var active = _state is InstanceState.Running or InstanceState.Restarting;
        _definition = command.Definition!;
        _readyLine = ReadyLine.For(_definition, _readyLine);
        Publish();
        if (active)
            return await HandleRestartAsync("configuration changed");
        return _definition.AutoStart && command.AutoStart ? HandleStart("configuration changed (auto_start)") : OperationOutcome.Done;
    }

    private OperationOutcome HandleLogReady(long run)
    {
        if (run != _run || _child is null || _logReady) return OperationOutcome.Unchanged;
        _logReady = true;
        Publish();
        _eventQueue.Writer.TryWrite(new StateChange(_snapshot, null));
        return OperationOutcome.Done;
    }

    private OperationOutcome HandleBackoffElapsed(long token)
    {
        if (token != _backoffToken || _state != InstanceState.Restarting)
            return OperationOutcome.Unchanged;
        CancelBackoff();
        return SpawnChild("backoff elapsed", isRestart: true);
    }

    private OperationOutcome SpawnChild(string reason, bool isRestart)
    {
        Transition(InstanceState.Starting, reason);
        if (isRestart)
            _restarts++;

        // A new run: readiness is earned again, and only by output of this child (the last one's lines were all
        // delivered before its exit was handled).
        var run = ++_run;
        _logReady = false;
        IChildProcess child;
        try
        {
            var output = _readyLine?.Watch(_output, () => _mailbox.Writer.TryWrite(new SupervisorCommand(CommandKind.LogReady) { Run = run })) ?? _output;
            child = _context.Spawner.Spawn(RunRequest(), output);
        }
#pragma warning disable CA1031 // Whatever the spawner throws, the instance is failed, not the daemon.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _lastError = $"spawn failed: {ex.Message}";
            Transition(InstanceState.Failed, _lastError);
            return OperationOutcome.Failed;
        }

        _child = child;
        _startedAt = _context.Time.GetUtcNow();
        _lastError = null;
        Transition(InstanceState.Running, $"started, pid {child.Pid}");
        _ = ObserveExitAsync(child);
        return OperationOutcome.Done;
    }

    private async Task ObserveExitAsync(IChildProcess child)
    {
        var exit = await child.Exited;
        _mailbox.Writer.TryWrite(new SupervisorCommand(CommandKind.ChildExited) { Child = child, Exit = exit });
    }

    private void ScheduleBackoff(TimeSpan delay)
    {
        CancelBackoff();
        var cts = new CancellationTokenSource();
        _backoff = cts;
        _ = PostWhenElapsedAsync(delay, _backoffToken, cts.Token);
    }

    private async Task PostWhenElapsedAsync(TimeSpan delay, long token, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _context.Time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        _mailbox.Writer.TryWrite(new SupervisorCommand(CommandKind.BackoffElapsed) { BackoffToken = token });
    }

    /// <summary>Forgets any scheduled restart; a BackoffElapsed already queued carries an old token and is ignored.</summary>
    private void CancelBackoff()
    {
        _backoffToken++;
        if (_backoff is null) return;
        _backoff.Cancel();
        _backoff.Dispose();
        _backoff = null;
    }
}
