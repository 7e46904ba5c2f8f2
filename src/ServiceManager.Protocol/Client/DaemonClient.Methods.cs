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
}
