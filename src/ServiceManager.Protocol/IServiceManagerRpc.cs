using PolyType;
using ServiceManager.Protocol.Messages;
using StreamJsonRpc;

namespace ServiceManager.Protocol;

/// <summary>
/// The daemon's JSON-RPC surface. Parameter names are the wire's param names (matched case-sensitively), so they
/// are part of the contract. The shape is source-generated so that StreamJsonRpc dispatches without reflection.
/// </summary>
[JsonRpcContract]
[GenerateShape(IncludeMethods = MethodShapeFlags.PublicInstance)]
public partial interface IServiceManagerRpc
{
    [JsonRpcMethod(RpcMethods.Ping)]
    Task<PingResult> PingAsync(CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.List)]
    Task<IReadOnlyList<InstanceSummary>> ListAsync(string? template = null, string? tag = null, string? status = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Status)]
    Task<InstanceDetail> StatusAsync(string name, bool showEnv = false, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Templates)]
    Task<IReadOnlyList<TemplateInfo>> TemplatesAsync(CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Start)]
    Task<BulkResult> StartAsync(IReadOnlyList<string>? names = null, bool all = false, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Stop)]
    Task<BulkResult> StopAsync(IReadOnlyList<string>? names = null, bool all = false, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Restart)]
    Task<BulkResult> RestartAsync(IReadOnlyList<string>? names = null, bool all = false, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Reload)]
    Task<ReloadResult> ReloadAsync(CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Logs)]
    Task<LogsResult> LogsAsync(IReadOnlyList<string>? names = null, int? lines = null, bool follow = false, string? stream = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Unsubscribe)]
    Task<EmptyResult> UnsubscribeAsync(string subscription, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Run)]
    Task<InstanceSummary> RunAsync(IReadOnlyList<string> command, string? name = null, int? port = null, string? cwd = null, IReadOnlyDictionary<string, string>? env = null, string? envFile = null, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Create)]
    Task<InstanceSummary> CreateAsync(string template, string? id = null, int? port = null, bool start = false, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Remove)]
    Task<RemoveResult> RemoveAsync(IReadOnlyList<string> names, CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Ports)]
    Task<IReadOnlyList<PortInfo>> PortsAsync(CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Signal)]
    Task<EmptyResult> SignalAsync(string name, string signal, CancellationToken cancellationToken = default);

    /// <summary>The checks only the daemon can make (port conflicts, orphans, its own paths); the CLI adds its own.</summary>
    [JsonRpcMethod(RpcMethods.Doctor)]
    Task<IReadOnlyList<DoctorCheck>> DoctorAsync(CancellationToken cancellationToken = default);

    [JsonRpcMethod(RpcMethods.Orphans)]
    Task<IReadOnlyList<OrphanInfo>> OrphansAsync(CancellationToken cancellationToken = default);

    /// <summary>The latest sampling cycle: system load and memory, and each running instance's CPU and memory.</summary>
    [JsonRpcMethod(RpcMethods.Metrics)]
    Task<MetricsResult> MetricsAsync(CancellationToken cancellationToken = default);

    /// <summary>Subscribes to <c>event</c> notifications (state, health and metrics changes, reloads) until
    /// <c>unsubscribe</c> or the connection ends.</summary>
    [JsonRpcMethod(RpcMethods.Events)]
    Task<EventsResult> EventsAsync(CancellationToken cancellationToken = default);

    /// <summary>An instance's environment (as the config sets it) and metrics history: what a detail screen needs
    /// beyond <c>status</c>.</summary>
    [JsonRpcMethod(RpcMethods.Inspect)]
    Task<InspectResult> InspectAsync(string name, bool showEnv = false, CancellationToken cancellationToken = default);
}
