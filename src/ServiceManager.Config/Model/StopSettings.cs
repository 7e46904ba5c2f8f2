namespace ServiceManager.Config.Model;

/// <summary>How an instance is stopped: <paramref name="Signal"/> to its process group, then SIGKILL after <paramref name="Timeout"/>.</summary>
/// <param name="Command">Optional argv run instead of sending the signal; <c>{pid}</c> already substituted is not possible
/// before spawn, so it is kept as text and substituted by the supervisor.</param>
public sealed record StopSettings(int Signal, TimeSpan Timeout, string? Command)
{
    public static StopSettings Default { get; } = new(15, TimeSpan.FromSeconds(10), null);
}
