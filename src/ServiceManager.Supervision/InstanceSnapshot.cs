using ServiceManager.Config.Model;
using ServiceManager.Platform;

namespace ServiceManager.Supervision;

/// <summary>
/// An immutable picture of one instance, published by its supervisor after every change. Safe to read from any
/// thread; a newer snapshot replaces it rather than mutating it.
/// </summary>
/// <param name="Pid">The child's pid (also its process-group id) while one is alive, else null.</param>
/// <param name="StartedAt">When the current child was spawned; null when none runs.</param>
/// <param name="Restarts">Automatic restarts plus manual restarts since the supervisor was created.</param>
/// <param name="LastExit">How the most recent child ended (its time is the supervisor's clock).</param>
/// <param name="Transitions">The most recent transitions, oldest first (at most <see cref="InstanceSupervisor.TransitionHistory"/>).</param>
/// <param name="LastError">The most recent failure (spawn error, crash loop), cleared by a successful start.</param>
/// <param name="ShouldRun">What the user wants: set by start and restart (and auto_start), cleared by stop and by a
/// child that ends for good on its own (restart policy says so); a daemon shutdown leaves it as it is, so the
/// instance runs again when the daemon comes back. A failed instance still should run.</param>
/// <param name="ChildStartTime">The running child's <see cref="IChildProcess.StartTime"/>, to recognise it later.</param>
/// <param name="LastStopIssue">What went wrong with the latest stop (forced, or survivors); null when it went
/// cleanly. Set by every stop request, so a caller reads it right after its own stop.</param>
/// <param name="LogReady">The running child printed a line matching <c>ready_log_line</c> (false without one, and
/// between runs): each run must print it again.</param>
/// <param name="ExitedOnItsOwn"><paramref name="LastExit"/> is of a child that ended by itself, not one svcmgr stopped:
/// a one-shot's completion.</param>
/// <param name="ChildCgroup">The running child's cgroup directory (<see cref="IChildProcess.Cgroup"/>): with it a later
/// daemon stops everything the child started, and metrics count it all; null without cgroups.</param>
public sealed record InstanceSnapshot(
    string Id,
    int NumericId,
    InstanceDefinition Definition,
    InstanceState State,
    int? Pid,
    DateTimeOffset? StartedAt,
    int Restarts,
    ChildExit? LastExit,
    IReadOnlyList<StateTransition> Transitions,
    string? LastError,
    bool ShouldRun = false,
    ulong? ChildStartTime = null,
    StopIssue? LastStopIssue = null,
    string? ChildCgroup = null,
    bool LogReady = false,
    bool ExitedOnItsOwn = false);
