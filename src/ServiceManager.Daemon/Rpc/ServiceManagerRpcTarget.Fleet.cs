using ServiceManager.Config.Model;
using ServiceManager.Daemon.Diagnostics;
using ServiceManager.Platform;
using ServiceManager.Platform.Unix;
using ServiceManager.Protocol.Messages;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Rpc;

// Ports, signals, doctor and orphans: looking at the fleet from the outside, through /proc.
internal sealed partial class ServiceManagerRpcTarget
{
    public Task<IReadOnlyList<PortInfo>> PortsAsync(EmptyParams? request = null, CancellationToken cancellationToken = default) =>
        // /proc scans are blocking file reads; keep them off StreamJsonRpc's dispatch.
        Task.Run(ScanPorts, cancellationToken);

    public Task<EmptyResult> SignalAsync(SignalParams request, CancellationToken cancellationToken = default)
    {
        var (name, signal) = request;
        var supervisor = Resolve(name);
        var number = SignalNames.Parse(signal)
            ?? throw FleetException.InvalidRequest($"unknown signal '{signal}'; use a name such as SIGHUP, HUP or USR1, or a number from 1 to 64");
        var snapshot = supervisor.Snapshot;
        if (snapshot.Pid is not { } group)
            throw FleetException.InvalidRequest($"{snapshot.Id} is not running (state: {InstanceStateNames.ToText(snapshot.State)}); nothing to signal");
        // The child is a session leader, so its pid is its process group: a negative pid reaches every member.
        if (!UnixProcess.Signal(-group, number))
            throw FleetException.InvalidRequest($"{snapshot.Id} is not running any more (process group {group} is gone); nothing to signal");
        return Task.FromResult(EmptyResult.Instance);
    }

    public Task<IReadOnlyList<DoctorCheck>> DoctorAsync(EmptyParams? request = null, CancellationToken cancellationToken = default) =>
        Task.Run<IReadOnlyList<DoctorCheck>>(() =>
        {
            var snapshots = Fleet.List();
            return
            [
                DoctorChecks.Config(services.Config.Path, () => services.Config.LoadCandidate(RunTimeInstances(snapshots)), daemonRunning: true).Check,
                DoctorChecks.Instances([.. snapshots.Select(s => (s.Id, InstanceStateNames.ToText(s.State), s.LastError))]),
                DoctorChecks.Ports(ScanPorts(), daemonRunning: true),
                DoctorChecks.Orphans(FindOrphans()),
                DoctorChecks.Containment(services.Containment, daemonRunning: true),
                DoctorChecks.Spawner(services.Containment, daemonRunning: true),
            ];
        }, cancellationToken);

    public Task<IReadOnlyList<OrphanInfo>> OrphansAsync(EmptyParams? request = null, CancellationToken cancellationToken = default) =>
        Task.Run(FindOrphans, cancellationToken);

    /// <summary>What a reload would keep the file away from (as the coordinator's reload does): run-time ids and ports.</summary>
    private static List<ReservedInstance> RunTimeInstances(IReadOnlyList<InstanceSnapshot> snapshots) =>
        [.. snapshots.Where(s => s.Definition.Origin != InstanceOrigin.Config).Select(s => new ReservedInstance(s.Id, s.Definition.Port, s.Definition.Template))];

    private IReadOnlyList<PortInfo> ScanPorts() =>
        PortReport.Scan(
        [
            .. Fleet.List()
                .Where(s => s.Definition.Port is not null)
                .Select(s => new PortClaim(s.Definition.Port!.Value, s.Id, InstanceStateNames.ToText(s.State), s.Pid, s.ChildCgroup)),
        ]);

    private IReadOnlyList<OrphanInfo> FindOrphans()
    {
        var snapshots = Fleet.List();
        return OrphanFinder.Find([.. snapshots.Select(s => s.Pid).OfType<int>()], Environment.ProcessId, [.. snapshots.Select(s => s.ChildCgroup).OfType<string>()]);
    }
}
