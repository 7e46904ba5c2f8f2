using ServiceManager.Protocol.Messages;

namespace ServiceManager.Daemon.Rpc;

// inspect: the detail screen's extras (environment and metrics history), from what the daemon already holds.
internal sealed partial class ServiceManagerRpcTarget
{
    // Values hidden unless asked, as in status: env files hold secrets.
    public Task<InspectResult> InspectAsync(StatusParams request, CancellationToken cancellationToken = default)
    {
        var (name, showEnv) = request;
        var supervisor = Resolve(name);
        var snapshot = supervisor.Snapshot;
        IReadOnlyList<MetricsHistoryPoint> history =
        [
            .. services.Metrics.GetHistory(snapshot.Id)
                .Select(s => new MetricsHistoryPoint(s.At, s.Metrics.CpuPercent, s.Metrics.RssBytes)),
        ];
        var env = new SortedDictionary<string, string>(
            supervisor.ConfiguredEnvironment().ToDictionary(kv => kv.Key, kv => showEnv ? kv.Value : InstanceDetail.Hidden), StringComparer.Ordinal);
        return Task.FromResult(new InspectResult(snapshot.Id, env, history));
    }
}
