using ServiceManager.Protocol.Messages;

namespace ServiceManager.Daemon.Rpc;

// metrics: what the sampler saw on its latest cycle; nothing is measured on request.
internal sealed partial class ServiceManagerRpcTarget
{
    public Task<MetricsResult> MetricsAsync(EmptyParams? request = null, CancellationToken cancellationToken = default)
    {
        var snapshot = services.Metrics.Snapshot();
        IReadOnlyList<InstanceMetricsInfo> instances =
        [
            .. Fleet.List()
                .Where(s => snapshot.Instances.ContainsKey(s.Id))
                .Select(s => WireMapping.Metrics(s.Id, s.NumericId, snapshot.Instances[s.Id])),
        ];
        return Task.FromResult(new MetricsResult(
            snapshot.At, snapshot.System is { } system ? WireMapping.System(system) : null, instances));
    }
}
