namespace ServiceManager.Supervision;

/// <summary>The lifecycle state of one instance (product spec, section 3).</summary>
public enum InstanceState
{
    Stopped,
    Starting,
    Running,
    Stopping,

    /// <summary>The child ended and a restart is scheduled after a backoff delay.</summary>
    Restarting,

    /// <summary>The crash-loop cap was hit, or the program could not be spawned. Only a manual start leaves it.</summary>
    Failed,
}
