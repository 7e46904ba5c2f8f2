using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ServiceManager.Config.Model;

namespace ServiceManager.Supervision;

public sealed partial class Fleet
{
    // Instances whose requested start waits for their dependencies, with what cancels that wait.
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _waits = new(StringComparer.Ordinal);

    // Waits a daemon shutdown (HaltAll) called off: the wish to start outlives them, for the next daemon.
    private readonly ConcurrentDictionary<string, bool> _haltedWaits = new(StringComparer.Ordinal);

    /// <summary>Whether a requested start of <paramref name="id"/> is waiting for its dependencies.</summary>
    public bool IsWaiting(string id) => _waits.ContainsKey(id);

    /// <summary>Whether <paramref name="id"/> is to start once its dependencies are ready: waiting now, or waiting when
    /// the daemon shut down. The state file records it with the instance's own wish to run.</summary>
    public bool WantsToStart(string id) => _waits.ContainsKey(id) || _haltedWaits.ContainsKey(id);

    /// <summary>A requested start began or stopped waiting for its dependencies (the state file records waits).</summary>
    public event Action? WaitsChanged;

    /// <summary>
    /// A requested start: at once without dependencies; otherwise the wait runs in the background and this answers
    /// <see cref="OperationOutcome.Done"/> (the start is queued, as systemd queues a job). Stopping or removing the
    /// instance cancels the wait.
    /// </summary>
    private Task<OperationOutcome> RequestStartAsync(InstanceSupervisor supervisor, CancellationToken cancellationToken)
    {
        var snapshot = supervisor.Snapshot;
        if (snapshot.Definition.DependsOn.Count == 0 || snapshot.State is not (InstanceState.Stopped or InstanceState.Failed))
            return supervisor.StartAsync(cancellationToken);

        var wait = new CancellationTokenSource();
        if (!_waits.TryAdd(supervisor.Id, wait))
        {
            wait.Dispose();
            return Task.FromResult(OperationOutcome.Unchanged);
        }

        WaitsChanged?.Invoke();
        _ = StartWhenReadyAsync(supervisor, wait);
        return Task.FromResult(OperationOutcome.Done);
    }

    private async Task StartWhenReadyAsync(InstanceSupervisor supervisor, CancellationTokenSource wait)
    {
        try
        {
            await _options.Dependencies.WaitAsync(supervisor.Snapshot.Definition, wait.Token);
            // Only if no stop or remove took the wait away meanwhile.
            if (_waits.TryRemove(KeyValuePair.Create(supervisor.Id, wait)))
            {
                await supervisor.StartAsync(CancellationToken.None);
                // After the start: by then the snapshot carries the wish to run that the wait carried.
                WaitsChanged?.Invoke();
            }
        }
        catch (OperationCanceledException) when (wait.IsCancellationRequested)
        {
            // Stopped or removed while waiting.
        }
        catch (ObjectDisposedException)
        {
            // Removed while starting.
        }
#pragma warning disable CA1031 // A background start has nobody to throw to.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _context.Logger.LogError(ex, "Instance {Instance}: waiting for its dependencies failed", supervisor.Id);
        }
        finally
        {
            if (_waits.TryRemove(KeyValuePair.Create(supervisor.Id, wait))) WaitsChanged?.Invoke();
            wait.Dispose();
        }
    }

    /// <summary>
    /// A reload changed <paramref name="definition"/>. A running instance restarts at once, as <c>restart</c> does; a
    /// stopped one that the change starts (auto_start), or whose start was already waiting, waits for the new
    /// definition's dependencies like any requested start.
    /// </summary>
    private async Task UpdateAsync(InstanceSupervisor supervisor, InstanceDefinition definition)
    {
        var wasWaiting = CancelWait(supervisor.Id);
        var gated = definition.DependsOn.Count > 0 && supervisor.Snapshot.State is InstanceState.Stopped or InstanceState.Failed;
        await supervisor.UpdateDefinitionAsync(definition, autoStart: !gated, CancellationToken.None);
        if (wasWaiting || (gated && definition.AutoStart))
            await RequestStartAsync(supervisor, CancellationToken.None);
    }

    /// <summary>Cancels a waiting start of <paramref name="id"/>; true if there was one.</summary>
    /// <param name="keepWish">For a daemon shutdown: <see cref="WantsToStart"/> stays true.</param>
    private bool CancelWait(string id, bool keepWish = false)
    {
        if (!_waits.TryRemove(id, out var wait)) return false;
        if (keepWish) _haltedWaits[id] = true;
        else WaitsChanged?.Invoke();
        try
        {
            wait.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The wait had just ended.
        }
        return true;
    }

    /// <summary>A stop that also cancels a waiting start (reported as done, since the instance no longer starts).</summary>
    private async Task<OperationOutcome> StopCancellingWaitAsync(
        InstanceSupervisor supervisor, Func<InstanceSupervisor, CancellationToken, Task<OperationOutcome>> stop, CancellationToken cancellationToken)
    {
        var cancelled = CancelWait(supervisor.Id);
        var outcome = await stop(supervisor, cancellationToken);
        return cancelled && outcome == OperationOutcome.Unchanged ? OperationOutcome.Done : outcome;
    }
}
