using ServiceManager.Config.Model;

namespace ServiceManager.Supervision;

/// <summary>
/// What others may ask about an instance's current run: has it started, is it healthy, has it printed its ready line,
/// has it completed (and how). The one place <c>depends_on</c> conditions are decided; built from a snapshot and the
/// daemon's health verdict, so it is as fresh as those are.
/// </summary>
/// <param name="Healthy">The health check's verdict on the running child; null when the instance has no check.</param>
public sealed record InstanceReadiness(InstanceSnapshot Snapshot, bool? Healthy)
{
    private InstanceState State => Snapshot.State;

    public bool IsRunning => State == InstanceState.Running;

    /// <summary>Running, or its latest run already ended on its own (a short one-shot has started too).</summary>
    public bool HasStarted => IsRunning || (Snapshot.ExitedOnItsOwn && State is InstanceState.Stopped or InstanceState.Restarting);

    public bool IsHealthy => IsRunning && Healthy == true;

    public bool IsLogReady => IsRunning && Snapshot.LogReady;

    /// <summary>How the latest run ended when it ended on its own and nothing runs or is about to: a completion.</summary>
    public Platform.ChildExit? Completion =>
        State == InstanceState.Stopped && Snapshot.ExitedOnItsOwn ? Snapshot.LastExit : null;

    public DependencyCheck Check(DependencyCondition condition) => condition switch
    {
        DependencyCondition.Started => HasStarted ? DependencyCheck.Ready : NotRunning(),
        DependencyCondition.Healthy => IsHealthy ? DependencyCheck.Ready
            : IsRunning ? DependencyCheck.Waiting(Healthy is null ? "running, but it has no health check" : "running, not healthy yet")
            : NotRunning(),
        DependencyCondition.LogReady => IsLogReady ? DependencyCheck.Ready
            : IsRunning ? DependencyCheck.Waiting("running, its ready line not printed yet")
            : Completion is { } exit ? DependencyCheck.Blocked($"{ExitText.Describe(exit)} before printing its ready line")
            : NotRunning(),
        DependencyCondition.Completed => CheckCompleted(),
        _ => IsRunning && Healthy != false ? DependencyCheck.Ready
            : IsRunning ? DependencyCheck.Waiting("running, not healthy yet")
            : NotRunning(),
    };

    private DependencyCheck CheckCompleted()
    {
        if (Completion is { } exit)
        {
            return exit.IsSuccess ? DependencyCheck.Ready
                : DependencyCheck.Blocked(exit.Signal is null ? $"completed with exit {exit.Code}" : $"completed: {ExitText.Describe(exit)}");
        }

        return State switch
        {
            InstanceState.Running => DependencyCheck.Waiting("running, not completed yet"),
            InstanceState.Stopped when Snapshot.LastExit is not null => DependencyCheck.Waiting("stopped before completing"),
            _ => NotRunning(),
        };
    }

    private DependencyCheck NotRunning() => State switch
    {
        InstanceState.Failed => DependencyCheck.Blocked(Snapshot.LastError is { } error ? $"failed ({error})" : "failed"),
        InstanceState.Restarting when Snapshot.LastExit is { } exit => DependencyCheck.Waiting($"{ExitText.Describe(exit)}, restarting"),
        InstanceState.Stopped when Completion is { } exit => DependencyCheck.Blocked(ExitText.Describe(exit)),
        InstanceState.Stopped when Snapshot.LastExit is not null => DependencyCheck.Waiting("stopped"),
        InstanceState.Stopped => DependencyCheck.Waiting("not started"),
        _ => DependencyCheck.Waiting(InstanceStateNames.ToText(State)),
    };
}
