using ServiceManager.Protocol.Messages;

namespace ServiceManager.Daemon.Rpc;

// Run-time instances, ports, signals and doctor: the fleet-management milestone (issue 3) fills these in.
internal sealed partial class ServiceManagerRpcTarget
{
    private static Exception NotYet(string method) => RpcFailure.MethodNotBuilt(method);

    public Task<InstanceSummary> RunAsync(IReadOnlyList<string> command, string? name = null, int? port = null, string? cwd = null, IReadOnlyDictionary<string, string>? env = null, string? envFile = null, CancellationToken cancellationToken = default) =>
        throw NotYet("run");

    public Task<InstanceSummary> CreateAsync(string template, string? id = null, int? port = null, bool start = false, CancellationToken cancellationToken = default) =>
        throw NotYet("create");

    public Task<RemoveResult> RemoveAsync(IReadOnlyList<string> names, CancellationToken cancellationToken = default) =>
        throw NotYet("remove");

    public Task<IReadOnlyList<PortInfo>> PortsAsync(CancellationToken cancellationToken = default) =>
        throw NotYet("ports");

    public Task<EmptyResult> SignalAsync(string name, string signal, CancellationToken cancellationToken = default) =>
        throw NotYet("signal");

    public Task<IReadOnlyList<DoctorCheck>> DoctorAsync(CancellationToken cancellationToken = default) =>
        throw NotYet("doctor");

    public Task<IReadOnlyList<OrphanInfo>> OrphansAsync(CancellationToken cancellationToken = default) =>
        throw NotYet("orphans");
}
