namespace ServiceManager.Monitoring.Health;

/// <summary>An instance's health, separate from its state: <see cref="Unknown"/> until a check has given a verdict.</summary>
public enum HealthStatus
{
    Unknown,
    Healthy,
    Unhealthy,
}
