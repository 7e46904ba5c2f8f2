using Microsoft.Extensions.Logging;
using ServiceManager.Config.Model;

namespace ServiceManager.Supervision;

public sealed partial class Fleet
{
    /// <summary>
    /// Makes the config instances of the fleet match <paramref name="config"/> (already validated): removed instances
    /// are stopped and forgotten, changed ones (<see cref="InstanceDefinition.SameAs"/>) take the new definition and
    /// restart if they were running (or start if auto_start), added ones start if auto_start, unchanged ones are left
    /// alone. Instances created at run time are not the config's: they are never touched.
    /// </summary>
    /// <remarks>
    /// Everything that can throw (creating logs and supervisors) happens before the live map changes, so a failure
    /// leaves the fleet as it was. <paramref name="cancellationToken"/> only cancels waiting for a concurrent change;
    /// once applied, the stops and starts run to completion.
    /// </remarks>
    /// <exception cref="ArgumentException">The config reuses the id of an instance created at run time.</exception>
    public Task<ReloadDiff> ApplyAsync(ServicesConfig config, CancellationToken cancellationToken = default) =>
        ApplyAsync(config, null, cancellationToken);

    /// <inheritdoc cref="ApplyAsync(ServicesConfig, CancellationToken)"/>
    /// <param name="startAdded">Whether an added instance starts; null: its auto_start. The daemon's start-up
    /// passes what the state file remembers instead.</param>
    public async Task<ReloadDiff> ApplyAsync(ServicesConfig config, Func<InstanceDefinition, bool>? startAdded, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        startAdded ??= d => d.AutoStart;
        await _changes.WaitAsync(cancellationToken);
        try
        {
            ThrowIfDisposed();
            var current = _members;
            var wanted = config.Instances.ToDictionary(d => d.Id, StringComparer.Ordinal);
            var clash = current.Values.FirstOrDefault(m => IsRunTime(m) && wanted.ContainsKey(m.Supervisor.Id));
            if (clash is not null)
                throw new ArgumentException($"instance '{clash.Supervisor.Id}' was created at run time; the config cannot define it too", nameof(config));
            var removed = current.Where(kv => !IsRunTime(kv.Value) && !wanted.ContainsKey(kv.Key)).Select(kv => kv.Key).ToList();
            var changed = new List<InstanceDefinition>();
            var unchanged = new List<string>();
            var added = new List<InstanceDefinition>();
            foreach (var definition in config.Instances)
            {
                if (!current.TryGetValue(definition.Id, out var member))
                    added.Add(definition);
                else if (member.Supervisor.Snapshot.Definition.SameAs(definition))
                    unchanged.Add(definition.Id);
                else
                    changed.Add(definition);
            }

            var created = await CreateMembersAsync(added, config.Daemon);

            var builder = current.ToBuilder();
            foreach (var id in removed)
                builder.Remove(id);
            foreach (var member in created)
                builder.Add(member.Supervisor.Id, member);
            var removedMembers = removed.Select(id => current[id]).ToList();
            _members = builder.ToImmutable();
            _daemon = config.Daemon;

            var work = new List<Task>();
            foreach (var id in removed) CancelWait(id);
            work.AddRange(removedMembers.Select(m => m.DisposeAsync()));
            work.AddRange(changed.Select(d => UpdateAsync(current[d.Id].Supervisor, d)));
            work.AddRange(created.Where(m => startAdded(m.Supervisor.Snapshot.Definition))
                .Select(m => RequestStartAsync(m.Supervisor, CancellationToken.None)));
            await Task.WhenAll(work);
            RaiseMembersChanged();

            return new ReloadDiff(
                Sorted(added.Select(d => d.Id)), Sorted(removed), Sorted(changed.Select(d => d.Id)), Sorted(unchanged));
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Adds one instance at run time (a <c>create</c> or ad-hoc <c>run</c>), optionally starting it.</summary>
    /// <exception cref="ArgumentException">An instance with that id already exists.</exception>
    public async Task<InstanceSnapshot> AddAsync(InstanceDefinition definition, bool start, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        await _changes.WaitAsync(cancellationToken);
        try
        {
            ThrowIfDisposed();
            if (_members.ContainsKey(definition.Id))
                throw new ArgumentException($"instance '{definition.Id}' already exists", nameof(definition));
            var member = (await CreateMembersAsync([definition], _daemon))[0];
            _members = _members.Add(definition.Id, member);
            RaiseMembersChanged();
            if (start)
                await RequestStartAsync(member.Supervisor, CancellationToken.None);
            return member.Supervisor.Snapshot;
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Stops and forgets instances (their log files stay on disk); returns their ids.</summary>
    /// <exception cref="UnknownInstanceException">A name resolves to nothing; nothing was removed.</exception>
    public async Task<IReadOnlyList<string>> RemoveAsync(IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        await _changes.WaitAsync(cancellationToken);
        try
        {
            ThrowIfDisposed();
            var targets = ResolveAll(names);
            var current = _members;
            var members = targets.Select(s => current[s.Id]).ToList();
            _members = current.RemoveRange(targets.Select(s => s.Id));
            foreach (var target in targets) CancelWait(target.Id);
            RaiseMembersChanged();
            await Task.WhenAll(members.Select(m => m.DisposeAsync()));
            return [.. targets.Select(s => s.Id)];
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Stops every instance gracefully (in parallel) and releases the logs.</summary>
    public async ValueTask DisposeAsync()
    {
        await _changes.WaitAsync();
        try
        {
            if (_disposed) return;
            _disposed = true;
            var members = _members.Values.ToList();
            _members = _members.Clear();
            foreach (var member in members) CancelWait(member.Supervisor.Id);
            await Task.WhenAll(members.Select(m => m.DisposeAsync()));
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Creates members for new definitions, taking numeric ids only if all of them could be created.</summary>
    private async Task<List<FleetMember>> CreateMembersAsync(IReadOnlyList<InstanceDefinition> definitions, DaemonSettings daemon)
    {
        var created = new List<FleetMember>();
        var next = _lastNumericId;
        var fresh = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            foreach (var definition in definitions)
            {
                // An id that comes back (removed, then re-added) gets its old number; numbers are never reused otherwise.
                if (!_numericIds.TryGetValue(definition.Id, out var numericId))
                    fresh[definition.Id] = numericId = ++next;
                created.Add(CreateMember(definition, numericId, daemon));
            }
        }
        catch
        {
            await Task.WhenAll(created.Select(m => m.DisposeAsync()));
            throw;
        }

        if (fresh.Count > 0)
            _numericIds = _numericIds.SetItems(fresh);
        _lastNumericId = next;
        return created;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private static bool IsRunTime(FleetMember member) => member.Supervisor.Snapshot.Definition.Origin != InstanceOrigin.Config;

    private void RaiseMembersChanged()
    {
        try
        {
            MembersChanged?.Invoke();
        }
#pragma warning disable CA1031 // A subscriber's bug must not undo a change that has been made.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _context.Logger.LogError(ex, "a MembersChanged handler failed");
        }
    }

    private static string[] Sorted(IEnumerable<string> ids) => [.. ids.Order(StringComparer.Ordinal)];
}
