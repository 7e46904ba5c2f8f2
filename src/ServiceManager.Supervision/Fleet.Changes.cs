using ServiceManager.Config.Model;

namespace ServiceManager.Supervision;

public sealed partial class Fleet
{
    /// <summary>
    /// Makes the fleet match <paramref name="config"/> (already validated): removed instances are stopped and
    /// forgotten, changed ones (<see cref="InstanceDefinition.SameAs"/>) take the new definition and restart if they
    /// were running (or start if auto_start), added ones start if auto_start, unchanged ones are left alone.
    /// </summary>
    /// <remarks>
    /// Everything that can throw (creating logs and supervisors) happens before the live map changes, so a failure
    /// leaves the fleet as it was. <paramref name="cancellationToken"/> only cancels waiting for a concurrent change;
    /// once applied, the stops and starts run to completion.
    /// </remarks>
    public async Task<ReloadDiff> ApplyAsync(ServicesConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        await _changes.WaitAsync(cancellationToken);
        try
        {
            ThrowIfDisposed();
            var current = _members;
            var wanted = config.Instances.ToDictionary(d => d.Id, StringComparer.Ordinal);
            var removed = current.Keys.Where(id => !wanted.ContainsKey(id)).ToList();
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
            work.AddRange(removedMembers.Select(m => m.DisposeAsync()));
            work.AddRange(changed.Select(d => current[d.Id].Supervisor.UpdateDefinitionAsync(d, CancellationToken.None)));
            work.AddRange(created.Where(m => m.Supervisor.Snapshot.Definition.AutoStart)
                .Select(m => m.Supervisor.StartAsync(CancellationToken.None)));
            await Task.WhenAll(work);

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
            if (start)
                await member.Supervisor.StartAsync(CancellationToken.None);
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

        foreach (var (id, numericId) in fresh)
            _numericIds[id] = numericId;
        _lastNumericId = next;
        return created;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private static string[] Sorted(IEnumerable<string> ids) => [.. ids.Order(StringComparer.Ordinal)];
}
