using System.Globalization;
using Microsoft.Extensions.Logging;
using ServiceManager.Config;
using ServiceManager.Config.Model;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Instances;

internal sealed partial class FleetCoordinator
{
    /// <summary>An ad-hoc command as a new instance, started. If it cannot even be spawned nothing is kept.</summary>
    public async Task<InstanceSnapshot> RunAsync(AdHocRequest request, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        try
        {
            InstanceDefinition definition;
            try
            {
                definition = ConfigLoader.CreateAdHoc(config.Current, request, Existing(), config.Environment, IsPortInUse);
            }
            catch (ConfigException ex)
            {
                throw ConfigFailures.OfRun(ex);
            }

            var snapshot = await AddAndStartAsync(definition, start: true);
            // Neither the command's arguments nor its environment are logged: either may carry secrets.
            logger.LogInformation("run: added instance {Instance} (port {Port})", snapshot.Id, Format(snapshot.Definition.Port));
            return snapshot;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>A new instance of a template; started if <paramref name="start"/>.</summary>
    public async Task<InstanceSnapshot> CreateAsync(string template, string? id, int? port, bool start, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        try
        {
            var current = config.Current;
            if (!current.Templates.ContainsKey(template))
            {
                var known = current.Templates.Count == 0 ? "the config has no templates" : "templates: " + string.Join(", ", current.Templates.Keys.Order(StringComparer.Ordinal));
                throw FleetException.NotFound($"no such template '{template}'; {known}");
            }

            InstanceDefinition definition;
            try
            {
                definition = ConfigLoader.CreateInstance(current, template, id, port, Existing(), config.Environment, IsPortInUse);
            }
            catch (ConfigException ex)
            {
                throw ConfigFailures.OfCreate(ex);
            }

            var snapshot = await AddAndStartAsync(definition with { AutoStart = start }, start);
            logger.LogInformation("create: added instance {Instance} of template {Template} (port {Port})", snapshot.Id, template, Format(snapshot.Definition.Port));
            return snapshot;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Stops and forgets run-time instances. Config instances are refused: the file would bring them back.</summary>
    public async Task<IReadOnlyList<string>> RemoveAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        if (names is not { Count: > 0 }) throw FleetException.InvalidRequest("give \"names\": a non-empty list of instance names");
        await EnterAsync(cancellationToken);
        try
        {
            var targets = new List<InstanceSupervisor>();
            foreach (var name in names)
            {
                var supervisor = fleet.Resolve(name);
                if (!targets.Contains(supervisor)) targets.Add(supervisor);
            }

            var fromFile = targets.Where(s => s.Snapshot.Definition.Origin == InstanceOrigin.Config).Select(s => s.Id).ToList();
            if (fromFile.Count > 0)
            {
                var which = fromFile.Count == 1 ? $"'{fromFile[0]}' is" : $"'{string.Join("', '", fromFile)}' are";
                throw FleetException.InvalidRequest(
                    $"{which} defined in the config file {config.Path}: delete it there and run `svcmgr reload` (or just `svcmgr stop` it); nothing was removed");
            }

            var removed = await fleet.RemoveAsync(targets.Select(s => s.Id), CancellationToken.None);
            await state.FlushAsync(CancellationToken.None);
            logger.LogInformation("remove: removed {Instances}", string.Join(", ", removed));
            return removed;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<InstanceSnapshot> AddAndStartAsync(InstanceDefinition definition, bool start)
    {
        var snapshot = await fleet.AddAsync(definition, start, CancellationToken.None);
        if (start && snapshot.State == InstanceState.Failed)
        {
            // A typo in the program name should not leave a failed instance behind to clean up.
            await fleet.RemoveAsync([definition.Id], CancellationToken.None);
            await state.FlushAsync(CancellationToken.None);
            throw FleetException.SpawnFailed($"{snapshot.LastError ?? "spawn failed"}; no instance was added");
        }

        await state.FlushAsync(CancellationToken.None);
        return fleet.Resolve(definition.Id).Snapshot;
    }

    private static string Format(int? port) => port?.ToString(CultureInfo.InvariantCulture) ?? "none";
}
