using System.Collections.Immutable;
using System.Threading.Channels;
using ServiceManager.Config.Model;
using ServiceManager.Platform;

namespace ServiceManager.Supervision;

/// <summary>
/// Runs one instance: starts, stops and restarts its child and owns its state machine. It is an actor: requests are
/// messages in a mailbox handled one at a time by a single loop, which alone touches the mutable state below;
/// everybody else reads the immutable <see cref="Snapshot"/>.
/// </summary>
/// <remarks>
/// A stop (signal, grace, SIGKILL) is awaited inside the loop, so requests that arrive meanwhile queue behind it and
/// see its result. The cancellation tokens of the public methods only stop the caller's wait, never the operation.
/// </remarks>
public sealed partial class InstanceSupervisor : IAsyncDisposable
{
    /// <summary>How many transitions a snapshot keeps.</summary>
    public const int TransitionHistory = 50;

    /// <summary>How many of a child's last stderr lines an <see cref="ExitReport"/> quotes.</summary>
    public const int StderrTailLines = 20;

    private readonly Channel<SupervisorCommand> _mailbox =
        Channel.CreateUnbounded<SupervisorCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SupervisorContext _context;
    private readonly IChildOutputSink _output;
    private readonly Action<string> _systemLog;
    private readonly Func<int, IReadOnlyList<string>>? _stderrTail;
    private readonly RestartPlanner _planner = new();
    private readonly Task _loop;
    private int _disposeStarted;

    // Owned by the loop: read and written only by RunLoopAsync and what it calls.
    private InstanceDefinition _definition;
    private InstanceState _state = InstanceState.Stopped;
    private IChildProcess? _child;
    private DateTimeOffset? _startedAt;
    private int _restarts;
    private ChildExit? _lastExit;
    private string? _lastError;
    private ImmutableList<StateTransition> _transitions = [];
    private CancellationTokenSource? _backoff;
    private long _backoffToken;
    private bool _shouldRun;
    private StopIssue? _stopIssue;
    private long _run;
    private bool _logReady;
    private bool _exitedOnItsOwn;
    private ReadyLine? _readyLine;
    private InstanceSocket? _socket;

    private volatile InstanceSnapshot _snapshot;

    /// <param name="output">Where the child's stdout/stderr go (the instance's log).</param>
    /// <param name="systemLog">Writes a supervisor line into the instance's log (transitions, stop details); must
    /// be thread-safe and quick.</param>
    /// <param name="stderrTail">The newest N stderr lines the child wrote (not the supervisor's own), read when a
    /// child ends on its own for its <see cref="ExitReport"/>; without it the report quotes none.</param>
    public InstanceSupervisor(
        InstanceDefinition definition,
        int numericId,
        IChildOutputSink output,
        Action<string> systemLog,
        SupervisorContext context,
        Func<int, IReadOnlyList<string>>? stderrTail = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(systemLog);
        ArgumentNullException.ThrowIfNull(context);
        Id = definition.Id;
        NumericId = numericId;
        _definition = definition;
        _output = output;
        _systemLog = systemLog;
        _stderrTail = stderrTail;
        _context = context;
        _readyLine = ReadyLine.For(definition, null);
        _snapshot = BuildSnapshot();
        _events = Task.Run(DispatchEventsAsync);
        _loop = Task.Run(RunLoopAsync);
    }

    public string Id { get; }

    public int NumericId { get; }

    /// <summary>The latest published state; a new object after every change.</summary>
    public InstanceSnapshot Snapshot => _snapshot;

    /// <summary>
    /// What a child of the current definition is started with (environment and working directory included), for
    /// commands run on the instance's behalf such as <c>exec:</c> health probes: they must see what the child sees.
    /// </summary>
    /// <exception cref="SpawnException">The definition cannot be spawned (no command, unreadable env file).</exception>
    public SpawnRequest ChildSpawnRequest() => SpawnRequests.ForInstance(_snapshot.Definition, _context.BaseEnvironment);

    /// <summary>
    /// The variables the config gives the next child, without the daemon's own: the env file as it reads now, under
    /// the definition's variables. When the env file cannot be read (the next start would fail), the definition's alone.
    /// </summary>
    public IReadOnlyDictionary<string, string> ConfiguredEnvironment()
    {
        var definition = _snapshot.Definition;
        try
        {
            return SpawnRequests.ConfiguredEnvironment(definition, _context.BaseEnvironment);
        }
        catch (SpawnException)
        {
            return definition.Environment;
        }
    }

    /// <summary>Starts the child unless it is running ("unchanged"); from restarting it skips the rest of the backoff.</summary>
    public Task<OperationOutcome> StartAsync(CancellationToken cancellationToken = default) =>
        SendAsync(SupervisorCommand.WithReply(CommandKind.Start), cancellationToken);

    /// <summary>A start the daemon decides on (a job's tick), with its reason in the transitions.</summary>
    public Task<OperationOutcome> StartAsync(string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return SendAsync(SupervisorCommand.WithReply(CommandKind.Start) with { Reason = reason }, cancellationToken);
    }

    /// <summary>Stops the child (signal or stop_command to its group, grace, SIGKILL) or cancels a pending restart.</summary>
    public Task<OperationOutcome> StopAsync(CancellationToken cancellationToken = default) =>
        SendAsync(SupervisorCommand.WithReply(CommandKind.Stop), cancellationToken);

    /// <summary>
    /// Stops the child like <see cref="StopAsync"/> but keeps <see cref="InstanceSnapshot.ShouldRun"/>: for a daemon
    /// shutdown, after which the instance is to run again.
    /// </summary>
    public Task<OperationOutcome> HaltAsync(CancellationToken cancellationToken = default) =>
        SendAsync(SupervisorCommand.WithReply(CommandKind.Halt), cancellationToken);

    /// <summary>Stops the child if there is one, then starts it again; from any state.</summary>
    public Task<OperationOutcome> RestartAsync(CancellationToken cancellationToken = default) =>
        SendAsync(SupervisorCommand.WithReply(CommandKind.Restart), cancellationToken);

    /// <summary>A restart the daemon decides on (failed health check, memory limit), with its reason in the transitions.</summary>
    public Task<OperationOutcome> RestartAsync(string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return SendAsync(SupervisorCommand.WithReply(CommandKind.Restart) with { Reason = reason }, cancellationToken);
    }

    /// <summary>
    /// Replaces the definition (a changed instance on reload). A running or restarting instance is restarted with
    /// it; a stopped or failed one is started if the new definition has auto_start, else left as it is.
    /// </summary>
    public Task<OperationOutcome> UpdateDefinitionAsync(InstanceDefinition definition, CancellationToken cancellationToken = default) =>
        UpdateDefinitionAsync(definition, autoStart: true, cancellationToken);

    /// <param name="autoStart">False: a stopped instance is not started even with auto_start (the caller will).</param>
    internal Task<OperationOutcome> UpdateDefinitionAsync(InstanceDefinition definition, bool autoStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Id != Id)
            throw new ArgumentException($"definition is for '{definition.Id}', not '{Id}'", nameof(definition));
        return SendAsync(SupervisorCommand.WithReply(CommandKind.UpdateDefinition) with { Definition = definition, AutoStart = autoStart }, cancellationToken);
    }

    /// <summary>Stops the child gracefully (within its stop_timeout, then SIGKILL) and ends the loop.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposeStarted, 1) == 0)
        {
            var shutdown = SupervisorCommand.WithReply(CommandKind.Shutdown);
            if (_mailbox.Writer.TryWrite(shutdown))
                await shutdown.Reply!.Task.ContinueWith(static _ => { }, TaskScheduler.Default);
        }
        await _loop;
        await _events;
    }

    private Task<OperationOutcome> SendAsync(SupervisorCommand command, CancellationToken cancellationToken)
    {
        if (!_mailbox.Writer.TryWrite(command))
            return Task.FromException<OperationOutcome>(new ObjectDisposedException(nameof(InstanceSupervisor), $"instance '{Id}' was disposed"));
        return command.Reply!.Task.WaitAsync(cancellationToken);
    }

    private InstanceSnapshot BuildSnapshot() => new(
        Id,
        NumericId,
        _definition,
        _state,
        _child?.Pid,
        _child is null ? null : _startedAt,
        _restarts,
        _lastExit,
        _transitions,
        _lastError,
        _shouldRun,
        _child?.StartTime,
        _stopIssue,
        _child?.Cgroup,
        _logReady,
        _exitedOnItsOwn);

    private void Publish() => _snapshot = BuildSnapshot();

    private void Transition(InstanceState to, string reason, ExitReport? exit = null)
    {
        var transition = new StateTransition(_state, to, _context.Time.GetUtcNow(), reason) { Exit = exit };
        _state = to;
        _transitions = _transitions.Add(transition);
        if (_transitions.Count > TransitionHistory)
            _transitions = _transitions.RemoveAt(0);
        Publish();
        _eventQueue.Writer.TryWrite(new StateChange(_snapshot, transition));
    }
}
