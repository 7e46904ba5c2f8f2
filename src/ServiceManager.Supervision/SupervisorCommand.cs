using ServiceManager.Config.Model;
using ServiceManager.Platform;

namespace ServiceManager.Supervision;

/// <summary>One message in a supervisor's mailbox; <see cref="Reply"/> is completed by the loop when it is handled.</summary>
internal sealed record SupervisorCommand(CommandKind Kind, TaskCompletionSource<OperationOutcome>? Reply = null)
{
    /// <summary>For <see cref="CommandKind.ChildExited"/>: which child, so a late message about an old child is ignored.</summary>
    public IChildProcess? Child { get; init; }

    public ChildExit? Exit { get; init; }

    /// <summary>For <see cref="CommandKind.LogReady"/>: the run whose output matched; an earlier run's is stale.</summary>
    public long Run { get; init; }

    /// <summary>For <see cref="CommandKind.BackoffElapsed"/>: the schedule it belongs to; a cancelled one is stale.</summary>
    public long BackoffToken { get; init; }

    public InstanceDefinition? Definition { get; init; }

    /// <summary>For <see cref="CommandKind.Replace"/>: how readiness is judged, and where the outcome is told.</summary>
    public Replacement? Replacement { get; init; }

    /// <summary>For <see cref="CommandKind.UpdateDefinition"/>: whether a stopped instance with auto_start is started
    /// by the update itself (false: the fleet starts it once its dependencies are ready).</summary>
    public bool AutoStart { get; init; } = true;

    /// <summary>For <see cref="CommandKind.Restart"/> and <see cref="CommandKind.Start"/>: why, for the transition
    /// (default "restart requested", "start requested").</summary>
    public string? Reason { get; init; }

    public static SupervisorCommand WithReply(CommandKind kind) =>
        new(kind, new TaskCompletionSource<OperationOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
}
