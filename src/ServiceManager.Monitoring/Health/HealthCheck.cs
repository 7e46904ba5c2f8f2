namespace ServiceManager.Monitoring.Health;

/// <summary>One completed probe: its result, when it started and how long it took.</summary>
public sealed record HealthCheck(ProbeResult Result, DateTimeOffset At, TimeSpan Duration);
