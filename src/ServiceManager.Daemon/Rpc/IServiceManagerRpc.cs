using PolyType;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;
using StreamJsonRpc;

namespace ServiceManager.Daemon.Rpc;

/// <summary>
/// The handlers StreamJsonRpc dispatches to: one per method of <see cref="RpcContract"/>, taking that method's params
/// record as one object and returning its result (<c>RpcContractTests</c> holds the two together). A params argument
/// with a default may be left out of the request; the shape is source-generated so that dispatch needs no reflection.
/// </summary>
[JsonRpcContract]
[GenerateShape(IncludeMethods = MethodShapeFlags.PublicInstance)]
internal partial interface IServiceManagerRpc
{
    [JsonRpcMethod(RpcMethods.Ping, UseSingleObjectParameterDeserialization = true)]
    Task<PingResult> PingAsync(EmptyParams? request = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.List, UseSingleObjectParameterDeserialization = true)]
    Task<IReadOnlyList<InstanceSummary>> ListAsync(ListParams? request = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Status, UseSingleObjectParameterDeserialization = true)]
    Task<InstanceDetail> StatusAsync(StatusParams request, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Templates, UseSingleObjectParameterDeserialization = true)]
    Task<IReadOnlyList<TemplateInfo>> TemplatesAsync(EmptyParams? request = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Start, UseSingleObjectParameterDeserialization = true)]
    Task<BulkResult> StartAsync(TargetParams? request = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Stop, UseSingleObjectParameterDeserialization = true)]
    Task<BulkResult> StopAsync(TargetParams? request = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Restart, UseSingleObjectParameterDeserialization = true)]
    Task<BulkResult> RestartAsync(TargetParams? request = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Reload, UseSingleObjectParameterDeserialization = true)]
    Task<ReloadResult> ReloadAsync(EmptyParams? request = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Logs, UseSingleObjectParameterDeserialization = true)]
    Task<LogsResult> LogsAsync(LogsParams? request = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Unsubscribe, UseSingleObjectParameterDeserialization = true)]
    Task<EmptyResult> UnsubscribeAsync(SubscriptionParams request, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Run, UseSingleObjectParameterDeserialization = true)]
    Task<InstanceSummary> RunAsync(RunParams request, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Create, UseSingleObjectParameterDeserialization = true)]
    Task<InstanceSummary> CreateAsync(CreateParams request, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Remove, UseSingleObjectParameterDeserialization = true)]
    Task<RemoveResult> RemoveAsync(NamesParams request, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Ports, UseSingleObjectParameterDeserialization = true)]
    Task<IReadOnlyList<PortInfo>> PortsAsync(EmptyParams? request = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Signal, UseSingleObjectParameterDeserialization = true)]
    Task<EmptyResult> SignalAsync(SignalParams request, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Kill, UseSingleObjectParameterDeserialization = true)]
    Task<BulkResult> KillAsync(NamesParams request, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Doctor, UseSingleObjectParameterDeserialization = true)]
    Task<IReadOnlyList<DoctorCheck>> DoctorAsync(EmptyParams? request = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Orphans, UseSingleObjectParameterDeserialization = true)]
    Task<IReadOnlyList<OrphanInfo>> OrphansAsync(EmptyParams? request = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Metrics, UseSingleObjectParameterDeserialization = true)]
    Task<MetricsResult> MetricsAsync(EmptyParams? request = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Events, UseSingleObjectParameterDeserialization = true)]
    Task<EventsResult> EventsAsync(EmptyParams? request = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Inspect, UseSingleObjectParameterDeserialization = true)]
    Task<InspectResult> InspectAsync(StatusParams request, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Scale, UseSingleObjectParameterDeserialization = true)]
    Task<ScaleResult> ScaleAsync(ScaleParams request, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.RollingRestart, UseSingleObjectParameterDeserialization = true)]
    Task<RollingRestartResult> RollingRestartAsync(NamesParams request, CancellationToken cancellationToken = default);
}
