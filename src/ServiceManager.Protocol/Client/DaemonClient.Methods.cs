using ServiceManager.Protocol.Messages;

namespace ServiceManager.Protocol.Client;

/// <summary>Typed calls for each method of the wire API.</summary>
public sealed partial class DaemonClient
{
    private static ProtocolJsonContext Json => ProtocolJsonContext.Default;

    public Task<PingResult> PingAsync(CancellationToken ct = default) =>
        InvokeAsync(RpcMethods.Ping, EmptyParams.Instance, Json.EmptyParams, Json.PingResult, ct);

    public Task<IReadOnlyList<InstanceSummary>> ListAsync(ListParams filters, CancellationToken ct = default) =>
        InvokeAsync(RpcMethods.List, filters, Json.ListParams, Json.IReadOnlyListInstanceSummary, ct);

    public Task<InstanceDetail> StatusAsync(string name, CancellationToken ct = default) =>
        InvokeAsync(RpcMethods.Status, new NameParams(name), Json.NameParams, Json.InstanceDetail, ct);

    /// <param name="showEnv">Also the values of the instance's environment (hidden otherwise: they may be secrets).</param>
    public Task<InstanceDetail> StatusAsync(string name, bool showEnv, CancellationToken ct = default) =>
        InvokeAsync(RpcMethods.Status, new StatusParams(name, showEnv), Json.StatusParams, Json.InstanceDetail, ct);

    public Task<IReadOnlyList<TemplateInfo>> TemplatesAsync(CancellationToken ct = default) =>
        InvokeAsync(RpcMethods.Templates, EmptyParams.Instance, Json.EmptyParams, Json.IReadOnlyListTemplateInfo, ct);

    public Task<BulkResult> StartAsync(TargetParams targets, CancellationToken ct = default) =>
        InvokeAsync(RpcMethods.Start, targets, Json.TargetParams, Json.BulkResult, ct);

    public Task<BulkResult> StopAsync(TargetParams targets, CancellationToken ct = default) =>
        InvokeAsync(RpcMethods.Stop, targets, Json.TargetParams, Json.BulkResult, ct);

    public Task<BulkResult> RestartAsync(TargetParams targets, CancellationToken ct = default) =>
        InvokeAsync(RpcMethods.Restart, targets, Json.TargetParams, Json.BulkResult, ct);

    public Task<ReloadResult> ReloadAsync(CancellationToken ct = default) =>
        InvokeAsync(RpcMethods.Reload, EmptyParams.Instance, Json.EmptyParams, Json.ReloadResult, ct);

    public Task<LogsResult> LogsAsync(LogsParams request, CancellationToken ct = default) =>
        InvokeAsync(RpcMethods.Logs, request, Json.LogsParams, Json.LogsResult, ct);

    public Task<EmptyResult> UnsubscribeAsync(string subscription, CancellationToken ct = default) =>
        InvokeAsync(RpcMethods.Unsubscribe, new SubscriptionParams(subscription), Json.SubscriptionParams, Json.EmptyResult, ct);

    public Task<InstanceSummary> RunAsync(RunParams request, CancellationToken ct = default) =>
        InvokeAsync(RpcMethods.Run, request, Json.RunParams, Json.InstanceSummary, ct);

    public Task<InstanceSummary> CreateAsync(CreateParams request, CancellationToken ct = default) =>
        InvokeAsync(RpcMethods.Create, request, Json.CreateParams, Json.InstanceSummary, ct);

    public Task<RemoveResult> RemoveAsync(IReadOnlyList<string> names, CancellationToken ct = default) =>
        InvokeAsync(RpcMethods.Remove, new NamesParams(names), Json.NamesParams, Json.RemoveResult, ct);

    public Task<IReadOnlyList<PortInfo>> PortsAsync(CancellationToken ct = default) =>
        InvokeAsync(RpcMethods.Ports, EmptyParams.Instance, Json.EmptyParams, Json.IReadOnlyListPortInfo, ct);

    public Task<EmptyResult> SignalAsync(string name, string signal, CancellationToken ct = default) =>
        InvokeAsync(RpcMethods.Signal, new SignalParams(name, signal), Json.SignalParams, Json.EmptyResult, ct);

    public Task<IReadOnlyList<DoctorCheck>> DoctorAsync(CancellationToken ct = default) =>
        InvokeAsync(RpcMethods.Doctor, EmptyParams.Instance, Json.EmptyParams, Json.IReadOnlyListDoctorCheck, ct);

    public Task<IReadOnlyList<OrphanInfo>> OrphansAsync(CancellationToken ct = default) =>
        InvokeAsync(RpcMethods.Orphans, EmptyParams.Instance, Json.EmptyParams, Json.IReadOnlyListOrphanInfo, ct);

    public Task<MetricsResult> MetricsAsync(CancellationToken ct = default) =>
        InvokeAsync(RpcMethods.Metrics, EmptyParams.Instance, Json.EmptyParams, Json.MetricsResult, ct);

    public Task<EventsResult> EventsAsync(CancellationToken ct = default) =>
        InvokeAsync(RpcMethods.Events, EmptyParams.Instance, Json.EmptyParams, Json.EventsResult, ct);

    /// <param name="showEnv">Ask for the environment's values; without it each is <see cref="InstanceDetail.Hidden"/>.</param>
    public Task<InspectResult> InspectAsync(string name, bool showEnv = false, CancellationToken ct = default) =>
        InvokeAsync(RpcMethods.Inspect, new StatusParams(name, showEnv), Json.StatusParams, Json.InspectResult, ct);
}
