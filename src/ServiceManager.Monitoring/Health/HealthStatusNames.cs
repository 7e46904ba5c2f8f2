namespace ServiceManager.Monitoring.Health;

/// <summary>The wire and CLI spelling of <see cref="HealthStatus"/> (product contract, section 3).</summary>
public static class HealthStatusNames
{
    public static string ToText(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Unhealthy => "unhealthy",
        _ => "unknown",
    };
}
