namespace ServiceManager.Supervision;

/// <summary>What a start, stop or restart request did.</summary>
public enum OperationOutcome
{
    /// <summary>The instance changed state as asked.</summary>
    Done,

    /// <summary>Nothing to do: already running (start) or already stopped (stop).</summary>
    Unchanged,

    /// <summary>The request was carried out but ended in <see cref="InstanceState.Failed"/> (the program could not be spawned).</summary>
    Failed,
}
