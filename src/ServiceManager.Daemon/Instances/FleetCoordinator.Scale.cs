using Microsoft.Extensions.Logging;
using ServiceManager.Config;
using ServiceManager.Config.Model;
using ServiceManager.Daemon.Persistence;
using ServiceManager.Protocol.Messages;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Instances;

internal sealed partial class FleetCoordinator
{
    /// <summary>
    /// <c>svcmgr scale NAME N</c>: the group's members become N. Only the group changes (the rest of the file is not
    /// reloaded); new members start when the group runs, surplus ones (the highest indexes) stop and go. Kept in
    /// <c>state.json</c> until the file's <c>instances</c> for the group is edited.
    /// </summary>
    public async Task<ScaleResult> ScaleAsync(string name, int count, CancellationToken cancellationToken)
    {
        if (count is < 1 or > ReplicaGroup.MaxMembers)
            throw FleetException.InvalidRequest($"count must be between 1 and {ReplicaGroup.MaxMembers}, got {count} (`svcmgr stop {name}` stops every member)");
        await EnterAsync(cancellationToken);
        try
        {
            var current = config.Current;
            if (!current.Groups.TryGetValue(name, out var group))
            {
                if (fleet.TryResolve(name, out var single))
                    throw FleetException.InvalidRequest($"'{single.Id}' is not a replica group: give it instances = N in {config.Path}, then `svcmgr reload`");
                var groups = current.Groups.Count == 0 ? "the config has no replica groups (instances = N)" : "groups: " + string.Join(", ", current.Groups.Keys.Order(StringComparer.Ordinal));
                throw FleetException.NotFound($"no such replica group '{name}'; {groups}");
            }

            var scales = new Dictionary<string, ScaleRecord>(config.Scales, StringComparer.Ordinal) { [name] = new ScaleRecord(count, group.Configured) };
            ServicesConfig fresh;
            try
            {
                fresh = config.LoadCandidate(Reserved(), scales);
            }
            catch (ConfigException ex)
            {
                throw FleetException.ConfigInvalid($"config invalid, nothing changed (scale reads the group from the file):\n{ex.Message}", ex);
            }

            var candidate = WithGroupFrom(current, fresh, name);
            var running = fleet.Group(name).Any(s => fleet.WantsToStart(s.Id) || s.Snapshot.ShouldRun);
            var diff = await fleet.ApplyAsync(candidate, d => d.Group == name ? running : d.AutoStart, CancellationToken.None);
            config.Commit(candidate, scales);
            await state.FlushAsync(CancellationToken.None);
            var members = fleet.Group(name).Select(s => s.Id).ToList();
            logger.LogInformation("scale {Group}: {Count} members (added {Added}; removed {Removed})",
                name, members.Count, string.Join(", ", diff.Added), string.Join(", ", diff.Removed));
            return new ScaleResult(name, members.Count, members, diff.Added, diff.Removed);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The config in force with only <paramref name="group"/>'s members (and its count) taken from <paramref name="fresh"/>.</summary>
    /// <exception cref="FleetException">A new member's port is held by an instance outside the group (the file was edited since the last reload).</exception>
    private static ServicesConfig WithGroupFrom(ServicesConfig current, ServicesConfig fresh, string group)
    {
        var others = current.Instances.Where(i => i.Group != group).ToList();
        var members = fresh.Instances.Where(i => i.Group == group).ToList();
        foreach (var member in members)
        {
            if (member.Port is { } port && others.FirstOrDefault(o => o.Port == port) is { } owner)
                throw FleetException.PortConflict($"member {member.Id} would get port {port}, which instance '{owner.Id}' has; the config file changed since the last reload: run `svcmgr reload` first");
        }

        var groups = new Dictionary<string, ReplicaGroup>(current.Groups, StringComparer.Ordinal) { [group] = fresh.Groups[group] };
        return current with { Instances = [.. others, .. members], Groups = groups };
    }
}
