namespace ServiceManager.Monitoring.Health;

/// <summary>A declared change of health, e.g. <c>healthy -> unhealthy: 3 consecutive checks failed: HTTP 500</c>.</summary>
public sealed record HealthChange(HealthStatus Old, HealthStatus New, string Reason, DateTimeOffset At);
