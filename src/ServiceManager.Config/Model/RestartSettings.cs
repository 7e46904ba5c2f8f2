namespace ServiceManager.Config.Model;

/// <summary>Restart policy, exponential backoff and the crash-loop cap of one instance.</summary>
public sealed record RestartSettings(
    RestartPolicy Policy,
    TimeSpan BackoffInitial,
    TimeSpan BackoffMax,
    int MaxRestartsPerMinute,
    TimeSpan MinUptime)
{
    public static RestartSettings Default { get; } =
        new(RestartPolicy.OnFailure, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 5, TimeSpan.FromSeconds(10));
}
