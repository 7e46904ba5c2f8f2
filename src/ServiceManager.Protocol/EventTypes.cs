namespace ServiceManager.Protocol;

/// <summary>The <c>type</c> of an <c>event</c> notification.</summary>
public static class EventTypes
{
    public const string StateChanged = "state_changed";
    public const string HealthChanged = "health_changed";
    public const string MetricsUpdated = "metrics_updated";
    public const string ConfigReloaded = "config_reloaded";
    public const string LogRotated = "log_rotated";
}
