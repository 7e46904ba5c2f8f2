namespace ServiceManager.Monitoring.Health;

/// <summary>The outcome of one probe.</summary>
/// <param name="Detail">Short and human-readable (<c>HTTP 503</c>, <c>connection refused</c>, <c>exit code 1: ...</c>):
/// it ends up in health-change reasons and events.</param>
public sealed record ProbeResult(bool IsHealthy, string Detail)
{
    public static ProbeResult Healthy(string detail) => new(true, detail);

    public static ProbeResult Unhealthy(string detail) => new(false, detail);
}
