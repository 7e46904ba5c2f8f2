using ServiceManager.Protocol.Messages;

namespace ServiceManager.Protocol.Client;

/// <summary>Typed calls for each method of the wire API (<see cref="RpcContract"/>).</summary>
public sealed partial class DaemonClient
{
    public Task<PingResult> PingAsync(CancellationToken ct = default) =>
        InvokeAsync(RpcContract.Ping, EmptyParams.Instance, ct);

    public Task<IReadOnlyList<InstanceSummary>> ListAsync(ListParams filters, CancellationToken ct = default) =>
        InvokeAsync(RpcContract.List, filters, ct);

    public Task<InstanceDetail> StatusAsync(string name, CancellationToken ct = default) =>
        InvokeAsync(RpcContract.Status, new StatusParams(name), ct);

    /// <param name="showEnv">Also the values of the instance's environment (hidden otherwise: they may be secrets).</param>
    public Task<InstanceDetail> StatusAsync(string name, bool showEnv, CancellationToken ct = default) =>
        InvokeAsync(RpcContract.Status, new StatusParams(name, showEnv), ct);

    public Task<IReadOnlyList<TemplateInfo>> TemplatesAsync(CancellationToken ct = default) =>
        InvokeAsync(RpcContract.Templates, EmptyParams.Instance, ct);

    public Task<BulkResult> StartAsync(TargetParams targets, CancellationToken ct = default) =>
        InvokeAsync(RpcContract.Start, targets, ct);

    public Task<BulkResult> StopAsync(TargetParams targets, CancellationToken ct = default) =>
        InvokeAsync(RpcContract.Stop, targets, ct);

    public Task<BulkResult> RestartAsync(TargetParams targets, CancellationToken ct = default) =>
        InvokeAsync(RpcContract.Restart, targets, ct);

    public Task<ReloadResult> ReloadAsync(CancellationToken ct = default) =>
        InvokeAsync(RpcContract.Reload, EmptyParams.Instance, ct);

    public Task<LogsResult> LogsAsync(LogsParams request, CancellationToken ct = default) =>
        InvokeAsync(RpcContract.Logs, request, ct);

    public Task<EmptyResult> UnsubscribeAsync(string subscription, CancellationToken ct = default) =>
        InvokeAsync(RpcContract.Unsubscribe, new SubscriptionParams(subscription), ct);

    public Task<InstanceSummary> RunAsync(RunParams request, CancellationToken ct = default) =>
        InvokeAsync(RpcContract.Run, request, ct);

    public Task<InstanceSummary> CreateAsync(CreateParams request, CancellationToken ct = default) =>
        InvokeAsync(RpcContract.Create, request, ct);

    public Task<RemoveResult> RemoveAsync(IReadOnlyList<string> names, CancellationToken ct = default) =>
        InvokeAsync(RpcContract.Remove, new NamesParams(names), ct);

    public Task<IReadOnlyList<PortInfo>> PortsAsync(CancellationToken ct = default) =>
        InvokeAsync(RpcContract.Ports, EmptyParams.Instance, ct);

    public Task<EmptyResult> SignalAsync(string name, string signal, CancellationToken ct = default) =>
        InvokeAsync(RpcContract.Signal, new SignalParams(name, signal), ct);

    public Task<ScaleResult> ScaleAsync(string name, int count, CancellationToken ct = default) =>
        InvokeAsync(RpcContract.Scale, new ScaleParams(name, count), ct);

    public Task<RollingRestartResult> RollingRestartAsync(IReadOnlyList<string> names, CancellationToken ct = default) =>
        InvokeAsync(RpcContract.RollingRestart, new NamesParams(names), ct);

    public Task<BulkResult> KillAsync(IReadOnlyList<string> names, CancellationToken ct = default) =>
        InvokeAsync(RpcContract.Kill, new NamesParams(names), ct);

    public Task<IReadOnlyList<DoctorCheck>> DoctorAsync(CancellationToken ct = default) =>
        InvokeAsync(RpcContract.Doctor, EmptyParams.Instance, ct);

    public Task<IReadOnlyList<OrphanInfo>> OrphansAsync(CancellationToken ct = default) =>
        InvokeAsync(RpcContract.Orphans, EmptyParams.Instance, ct);

    public Task<MetricsResult> MetricsAsync(CancellationToken ct = default) =>
        InvokeAsync(RpcContract.Metrics, EmptyParams.Instance, ct);

    public Task<EventsResult> EventsAsync(CancellationToken ct = default) =>
        InvokeAsync(RpcContract.Events, EmptyParams.Instance, ct);

    /// <param name="showEnv">Ask for the environment's values; without it each is <see cref="InstanceDetail.Hidden"/>.</param>
    public Task<InspectResult> InspectAsync(string name, bool showEnv = false, CancellationToken ct = default) =>
        InvokeAsync(RpcContract.Inspect, new StatusParams(name, showEnv), ct);
}
