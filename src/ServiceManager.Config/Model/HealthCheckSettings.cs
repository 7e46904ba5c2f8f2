namespace ServiceManager.Config.Model;

/// <summary>A health check as configured (<c>http(s)://…</c>, <c>tcp://host:port</c> or <c>exec:COMMAND</c>), placeholders expanded.</summary>
public sealed record HealthCheckSettings(string Endpoint, TimeSpan Interval, TimeSpan Timeout);
