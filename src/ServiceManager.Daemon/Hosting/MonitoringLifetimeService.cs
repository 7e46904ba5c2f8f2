using Microsoft.Extensions.Hosting;
using ServiceManager.Daemon.Monitoring;
using ServiceManager.Monitoring.Metrics;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Hosting;

/// <summary>
/// Starts metrics sampling (with <c>max_memory</c>), health checks and the event feed before the fleet starts, so no
/// start-up transition is missed, and stops them after the fleet has stopped.
/// </summary>
internal sealed class MonitoringLifetimeService(
    MetricsTracking tracking, MemoryEnforcement memory, HealthTracking health, ReadinessTracking readiness, DependencyGate dependencies, Fleet fleet, EventHub events, MetricsSampler sampler)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        events.Start();
        memory.Start();
        tracking.Start();
        health.Start();
        readiness.Start();
        dependencies.Start(fleet, readiness);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await health.DisposeAsync();
        await sampler.StopAsync(cancellationToken);
    }
}
