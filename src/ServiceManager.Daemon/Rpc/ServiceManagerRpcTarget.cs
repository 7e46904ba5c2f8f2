using ServiceManager.Config.Model;
using ServiceManager.Monitoring.Metrics;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Rpc;

/// <summary>
/// The wire API, one object per connection (so <c>logs</c> subscriptions belong to the connection that made them).
/// Methods validate every name first: an unknown name fails the call and nothing else is done.
/// </summary>
internal sealed partial class ServiceManagerRpcTarget(RpcTargetServices services, RpcConnection connection) : IServiceManagerRpc
{
    private Fleet Fleet => services.Fleet;

    private DateTimeOffset Now => services.Time.GetUtcNow();

    public Task<PingResult> PingAsync(EmptyParams? request = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new PingResult(RpcTargetServices.Version, Environment.ProcessId, (long)(Now - services.StartedAt).TotalMilliseconds));

    public Task<IReadOnlyList<InstanceSummary>> ListAsync(ListParams? request = null, CancellationToken cancellationToken = default)
    {
        var (template, tag, status) = request ?? new ListParams();
        InstanceState? state = null;
        if (status is not null)
            state = InstanceStateNames.Parse(status)
                ?? throw FleetException.InvalidRequest($"unknown status '{status}'; use one of: {string.Join(", ", Enum.GetValues<InstanceState>().Select(InstanceStateNames.ToText))}");

        var now = Now;
        IReadOnlyList<InstanceSummary> rows =
        [
            .. Fleet.List()
                .Where(s => template is null || s.Definition.Template == template)
                .Where(s => tag is null || s.Definition.Tags.Contains(tag))
                .Where(s => state is null || s.State == state)
                .OrderBy(s => s.NumericId)
                .Select(s => Summary(s, now)),
        ];
        return Task.FromResult(rows);
    }

    public Task<InstanceDetail> StatusAsync(StatusParams request, CancellationToken cancellationToken = default)
    {
        var (name, showEnv) = request;
        var group = Fleet.Group(name);
        var supervisor = group.Count > 0 ? group[0] : Resolve(name);
        var snapshot = supervisor.Snapshot;
        // Redacted here, not in the client: values the caller did not ask for never leave the daemon.
        var environment = supervisor.ConfiguredEnvironment().OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key, kv => showEnv ? kv.Value : InstanceDetail.Hidden, StringComparer.Ordinal);
        var waits = services.Dependencies.WaitingFor(snapshot);
        var definition = snapshot.Definition;
        return Task.FromResult(WithCron(WireMapping.Detail(snapshot, Now, LatestMetrics(snapshot.Id), services.Health.HealthOf(snapshot.Id)), definition)
            with
            {
                WaitingFor = [.. waits.Select(w => w.Dependency.Name)],
                WaitReasons = [.. waits.Select(WireMapping.Wait)],
                Environment = environment,
                DependsOn = [.. definition.DependsOn.Select(WireMapping.Dependency)],
                Watch = WireMapping.Watch(definition.Watch),
                ReadyLogLine = definition.ReadyLogLine,
                LogReady = definition.ReadyLogLine is null ? null : snapshot.LogReady,
                Members = group.Count > 0 ? [.. group.Select(m => Summary(m.Snapshot))] : null,
            });
    }

    public Task<IReadOnlyList<TemplateInfo>> TemplatesAsync(EmptyParams? request = null, CancellationToken cancellationToken = default)
    {
        var instances = Fleet.List();
        IReadOnlyList<TemplateInfo> templates =
        [
            .. services.Config.Current.Templates.Values
                .OrderBy(t => t.Id, StringComparer.Ordinal)
                .Select(t => WireMapping.Template(t, [.. instances.Where(i => i.Definition.Template == t.Id).OrderBy(i => i.NumericId).Select(i => i.Id)])),
        ];
        return Task.FromResult(templates);
    }

    private MetricsSample? LatestMetrics(string id) =>
        services.Metrics.TryGetLatest(id, out var sample) ? sample : null;

    private InstanceSummary Summary(InstanceSnapshot snapshot) => Summary(snapshot, Now);

    /// <summary>A row of <c>list</c>: with what a waiting start waits for, left out when it does not wait.</summary>
    private InstanceSummary Summary(InstanceSnapshot snapshot, DateTimeOffset now)
    {
        var waits = services.Dependencies.WaitingFor(snapshot);
        return WithCron(WireMapping.Summary(snapshot, now, LatestMetrics(snapshot.Id), services.Health.HealthOf(snapshot.Id)), snapshot.Definition) with
        {
            WaitingFor = waits.Count == 0 ? null : [.. waits.Select(w => w.Dependency.Name)],
            WaitReasons = waits.Count == 0 ? null : [.. waits.Select(WireMapping.Wait)],
        };
    }

    /// <summary>A job's <c>schedule</c> or the <c>cron_restart</c>, with its next tick.</summary>
    private T WithCron<T>(T row, InstanceDefinition definition) where T : InstanceSummary
    {
        if (definition.Schedule is null && definition.CronRestart is null) return row;
        var next = services.Cron.NextTick(row.Id);
        return (T)(row with
        {
            Schedule = definition.Schedule?.Text,
            NextRun = definition.Schedule is null ? null : next,
            CronRestart = definition.CronRestart?.Text,
            NextRestart = definition.CronRestart is null ? null : next,
        });
    }

    private InstanceSupervisor Resolve(string name) => Fleet.Resolve(name);

    /// <summary>The ids every name stands for (a replica group: its members), all resolved before anything is done.
    /// Ids are passed on so a numeric id or :PORT resolves exactly once.</summary>
    private List<string> Targets(IEnumerable<string> names) => [.. names.SelectMany(Fleet.ResolveTargets).Select(s => s.Id).Distinct()];
}
