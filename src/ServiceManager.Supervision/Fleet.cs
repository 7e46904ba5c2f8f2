using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceManager.Config.Model;
using ServiceManager.Logs;
using ServiceManager.Platform;

namespace ServiceManager.Supervision;

/// <summary>
/// Every instance of the daemon: their supervisors and logs, stable numeric ids, name resolution and reloads.
/// Reads work on an immutable map swapped on change; changes (apply, add, remove, dispose) run one at a time.
/// </summary>
public sealed partial class Fleet : IAsyncDisposable
{
    private readonly FleetOptions _options;
    private readonly SupervisorContext _context;
    private readonly ILoggerFactory _loggerFactory;
    private readonly SemaphoreSlim _changes = new(1, 1);

    // Written only while holding _changes; the map is immutable so that readers need no lock.
    private volatile ImmutableDictionary<string, int> _numericIds = ImmutableDictionary.Create<string, int>(StringComparer.Ordinal);
    private int _lastNumericId;
    private DaemonSettings _daemon = DaemonSettings.Default;
    private bool _disposed;

    private volatile ImmutableDictionary<string, FleetMember> _members = ImmutableDictionary.Create<string, FleetMember>(StringComparer.Ordinal);

    public Fleet(FleetOptions options, IProcessSpawner spawner, TimeProvider time, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(spawner);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _context = new SupervisorContext(
            spawner,
            time,
            options.BaseEnvironment ?? DaemonEnvironment.Capture(),
            _loggerFactory.CreateLogger<InstanceSupervisor>()) { FindStragglers = options.FindStragglers };
        if (options.NumericIds is { Count: > 0 } known)
        {
            _numericIds = _numericIds.SetItems(known);
            _lastNumericId = known.Values.Max();
        }
    }

    /// <summary>
    /// Every id this fleet has numbered, removed ones included, with its number: persisted so that numbers survive a
    /// daemon restart (<see cref="FleetOptions.NumericIds"/>).
    /// </summary>
    public IReadOnlyDictionary<string, int> NumericIds => _numericIds;

    /// <summary>Raised after instances were added or removed (apply, add, remove), on the thread that made the change.</summary>
    public event Action? MembersChanged;

    /// <summary>Every transition of every instance, raised on that instance's event dispatcher (see
    /// <see cref="InstanceSupervisor.StateChanged"/>).</summary>
    public event Action<InstanceSnapshot, StateTransition>? StateChanged;

    /// <summary>An instance's running child printed its <c>ready_log_line</c> (see <see cref="InstanceSupervisor.LogReady"/>).</summary>
    public event Action<InstanceSnapshot>? LogReady;

    /// <summary>An instance's log file was rotated; raised on the writing thread (see <see cref="InstanceLog.Rotated"/>).</summary>
    public event Action<LogRotation>? LogRotated;

    /// <summary>The current snapshot of every instance, in numeric-id order.</summary>
    public IReadOnlyList<InstanceSnapshot> List() =>
        [.. _members.Values.Select(m => m.Supervisor.Snapshot).OrderBy(s => s.NumericId)];

    /// <summary>The supervisors, in numeric-id order.</summary>
    public IReadOnlyList<InstanceSupervisor> Supervisors =>
        [.. _members.Values.Select(m => m.Supervisor).OrderBy(s => s.NumericId)];

    private FleetMember CreateMember(InstanceDefinition definition, int numericId, DaemonSettings daemon)
    {
        var logOptions = new LogOptions(_options.LogDirectory, daemon.LogMaxBytes, daemon.LogMaxFiles, daemon.LogBufferLines);
        var log = new InstanceLog(definition.Id, logOptions, _context.Time);
        log.Rotated += rotation => LogRotated?.Invoke(rotation);
        try
        {
            var supervisor = new InstanceSupervisor(definition, numericId, log, log.AppendSystemLine, _context, log.ChildStderrTail);
            supervisor.StateChanged += (snapshot, transition) => StateChanged?.Invoke(snapshot, transition);
            supervisor.LogReady += snapshot => LogReady?.Invoke(snapshot);
            return new FleetMember(supervisor, log);
        }
        catch
        {
            log.Dispose();
            throw;
        }
    }
}
