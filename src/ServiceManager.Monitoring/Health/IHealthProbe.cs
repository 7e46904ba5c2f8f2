namespace ServiceManager.Monitoring.Health;

/// <summary>One kind of health check against one endpoint. Stateless between calls; never called concurrently by a
/// <see cref="HealthMonitor"/>.</summary>
public interface IHealthProbe
{
    /// <summary>The endpoint as configured, for messages.</summary>
    string Endpoint { get; }

    /// <summary>Runs one check. A failure of the checked service is a result, not an exception.</summary>
    /// <param name="cancellationToken">Cancelled when the timeout expires or the monitor stops; the probe must then
    /// release what it holds (sockets, the exec probe's process group) before throwing
    /// <see cref="OperationCanceledException"/>.</param>
    Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken);
}
