using ServiceManager.Protocol.Messages;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Rpc;

internal sealed partial class ServiceManagerRpcTarget
{
    public Task<BulkResult> StartAsync(TargetParams? request = null, CancellationToken cancellationToken = default) =>
        ApplyAsync(request, Fleet.StartAsync, Fleet.StartAllAsync, cancellationToken);

    public Task<BulkResult> StopAsync(TargetParams? request = null, CancellationToken cancellationToken = default) =>
        ApplyAsync(request, Fleet.StopAsync, Fleet.StopAllAsync, cancellationToken);

    public Task<BulkResult> RestartAsync(TargetParams? request = null, CancellationToken cancellationToken = default) =>
        ApplyAsync(request, Fleet.RestartAsync, Fleet.RestartAllAsync, cancellationToken);

    private async Task<BulkResult> ApplyAsync(
        TargetParams? request,
        Func<IEnumerable<string>, CancellationToken, Task<FleetOperationResult>> some,
        Func<CancellationToken, Task<FleetOperationResult>> every,
        CancellationToken cancellationToken)
    {
        var (names, all) = request ?? new TargetParams();
        if (all == names is { Count: > 0 })
            throw FleetException.InvalidRequest("give either \"names\" (a non-empty list) or \"all\": true");
        // pm2's `restart all`: the word alone means every instance.
        all = all || Fleet.NamesEveryInstance(names!);

        // Resolve every name before acting, so one unknown name leaves everything untouched. Ids are passed on
        // so a numeric id or :PORT resolves exactly once.
        var ids = all ? null : Targets(names!);
        // The operation is not cancelled with the caller's request: a stop half-done would leave the
        // instance in between. The client only stops waiting.
        var result = ids is null ? await every(CancellationToken.None) : await some(ids, CancellationToken.None);
        // Answer once the new wish to run (or not) is on disk: a crash right after must not forget it.
        await services.Coordinator.FlushStateAsync();
        if (result.Failed.Count > 0)
        {
            var others = result.Done.Count == 0 ? "" : $" (done: {string.Join(", ", result.Done)})";
            throw FleetException.SpawnFailed(string.Join("; ", result.Failed.Select(f => $"{f.Id}: {f.Error}")) + others);
        }
        return ToBulkResult(result);
    }

    private static BulkResult ToBulkResult(FleetOperationResult result) =>
        new(result.Done, result.Unchanged, [.. result.StopIssues.Select(i => new StopWarning(i.Id, i.Issue.Message, i.Issue.Survivors))]);

    public async Task<BulkResult> KillAsync(NamesParams request, CancellationToken cancellationToken = default)
    {
        if (request.Names is not { Count: > 0 }) throw FleetException.InvalidRequest("give \"names\": a non-empty list of instance names");
        var ids = Targets(request.Names);
        // Not cancelled with the request, as for stop: the client only stops waiting.
        var result = await Fleet.KillAsync(ids, CancellationToken.None);
        await services.Coordinator.FlushStateAsync();
        return ToBulkResult(result);
    }

    public async Task<ScaleResult> ScaleAsync(ScaleParams request, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(request.Name)) throw FleetException.InvalidRequest("give \"name\": a replica group");
        return await services.Coordinator.ScaleAsync(request.Name, request.Count, cancellationToken);
    }

    public Task<RollingRestartResult> RollingRestartAsync(NamesParams request, CancellationToken cancellationToken = default) =>
        services.Rolling.RunAsync(request.Names, cancellationToken);

    public async Task<ReloadResult> ReloadAsync(EmptyParams? request = null, CancellationToken cancellationToken = default)
    {
        var diff = await services.Coordinator.ReloadAsync(cancellationToken);
        services.Events.PublishReload(diff, Now);
        return new ReloadResult(diff.Added, diff.Removed, diff.Changed, diff.Unchanged);
    }
}
