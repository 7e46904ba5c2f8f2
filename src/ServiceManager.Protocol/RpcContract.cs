using ServiceManager.Protocol.Messages;

namespace ServiceManager.Protocol;

/// <summary>
/// The wire API, each method written once: name, params and result. Every client calls these descriptors and the
/// daemon's handlers are checked against them. A params record's constructor says what is optional: a parameter
/// with a default may be left out of the request (or given as its default), one without is required.
/// </summary>
public static class RpcContract
{
    private static ProtocolJsonContext Json => ProtocolJsonContext.Default;

    public static RpcMethod<EmptyParams, PingResult> Ping { get; } = new(RpcMethods.Ping, Json.EmptyParams, Json.PingResult);

    public static RpcMethod<ListParams, IReadOnlyList<InstanceSummary>> List { get; } =
        new(RpcMethods.List, Json.ListParams, Json.IReadOnlyListInstanceSummary);

    public static RpcMethod<StatusParams, InstanceDetail> Status { get; } = new(RpcMethods.Status, Json.StatusParams, Json.InstanceDetail);

    public static RpcMethod<EmptyParams, IReadOnlyList<TemplateInfo>> Templates { get; } =
        new(RpcMethods.Templates, Json.EmptyParams, Json.IReadOnlyListTemplateInfo);

    public static RpcMethod<TargetParams, BulkResult> Start { get; } = new(RpcMethods.Start, Json.TargetParams, Json.BulkResult);

    public static RpcMethod<TargetParams, BulkResult> Stop { get; } = new(RpcMethods.Stop, Json.TargetParams, Json.BulkResult);

    public static RpcMethod<TargetParams, BulkResult> Restart { get; } = new(RpcMethods.Restart, Json.TargetParams, Json.BulkResult);

    public static RpcMethod<EmptyParams, ReloadResult> Reload { get; } = new(RpcMethods.Reload, Json.EmptyParams, Json.ReloadResult);

    public static RpcMethod<LogsParams, LogsResult> Logs { get; } = new(RpcMethods.Logs, Json.LogsParams, Json.LogsResult);

    public static RpcMethod<SubscriptionParams, EmptyResult> Unsubscribe { get; } =
        new(RpcMethods.Unsubscribe, Json.SubscriptionParams, Json.EmptyResult);

    public static RpcMethod<RunParams, InstanceSummary> Run { get; } = new(RpcMethods.Run, Json.RunParams, Json.InstanceSummary);

    public static RpcMethod<CreateParams, InstanceSummary> Create { get; } = new(RpcMethods.Create, Json.CreateParams, Json.InstanceSummary);

    public static RpcMethod<NamesParams, RemoveResult> Remove { get; } = new(RpcMethods.Remove, Json.NamesParams, Json.RemoveResult);

    public static RpcMethod<EmptyParams, IReadOnlyList<PortInfo>> Ports { get; } =
        new(RpcMethods.Ports, Json.EmptyParams, Json.IReadOnlyListPortInfo);

    public static RpcMethod<SignalParams, EmptyResult> Signal { get; } = new(RpcMethods.Signal, Json.SignalParams, Json.EmptyResult);

    /// <summary>SIGKILL to each named instance's whole group (and cgroup) at once, no grace; they stay stopped.</summary>
    public static RpcMethod<NamesParams, BulkResult> Kill { get; } = new(RpcMethods.Kill, Json.NamesParams, Json.BulkResult);

    /// <summary>The checks only the daemon can make (port conflicts, orphans, its own paths); the CLI adds its own.</summary>
    public static RpcMethod<EmptyParams, IReadOnlyList<DoctorCheck>> Doctor { get; } =
        new(RpcMethods.Doctor, Json.EmptyParams, Json.IReadOnlyListDoctorCheck);

    public static RpcMethod<EmptyParams, IReadOnlyList<OrphanInfo>> Orphans { get; } =
        new(RpcMethods.Orphans, Json.EmptyParams, Json.IReadOnlyListOrphanInfo);

    /// <summary>The latest sampling cycle: system load and memory, and each running instance's CPU and memory.</summary>
    public static RpcMethod<EmptyParams, MetricsResult> Metrics { get; } = new(RpcMethods.Metrics, Json.EmptyParams, Json.MetricsResult);

    /// <summary>Subscribes to <c>event</c> notifications (state, health and metrics changes, reloads) until
    /// <c>unsubscribe</c> or the connection ends.</summary>
    public static RpcMethod<EmptyParams, EventsResult> Events { get; } = new(RpcMethods.Events, Json.EmptyParams, Json.EventsResult);

    /// <summary>An instance's environment (as the config sets it) and metrics history: what a detail screen needs
    /// beyond <c>status</c>.</summary>
    public static RpcMethod<StatusParams, InspectResult> Inspect { get; } = new(RpcMethods.Inspect, Json.StatusParams, Json.InspectResult);

    /// <summary>Changes a replica group's number of members: new ones start (if the group runs), surplus ones stop and go.</summary>
    public static RpcMethod<ScaleParams, ScaleResult> Scale { get; } = new(RpcMethods.Scale, Json.ScaleParams, Json.ScaleResult);

    /// <summary>Replaces each named instance (every member of a group, one at a time): the new process first, the old
    /// one stopped once the new one is ready.</summary>
    public static RpcMethod<NamesParams, RollingRestartResult> RollingRestart { get; } =
        new(RpcMethods.RollingRestart, Json.NamesParams, Json.RollingRestartResult);

    /// <summary>Every method, in the order of the protocol's table.</summary>
    public static IReadOnlyList<RpcMethod> Methods { get; } =
    [
        Ping, List, Status, Templates, Start, Stop, Restart, Reload, Logs, Unsubscribe, Run, Create, Remove, Ports, Signal,
        Kill, Doctor, Orphans, Metrics, Events, Inspect, Scale, RollingRestart,
    ];
}
