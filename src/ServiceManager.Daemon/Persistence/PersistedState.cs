using ServiceManager.Config.Model;

namespace ServiceManager.Daemon.Persistence;

/// <summary>What the daemon found in <c>state.json</c> at start-up, read once.</summary>
/// <param name="RunTime">Run-time instances to create again, in numeric-id order.</param>
/// <param name="Warnings">Problems found (unusable file or records); the daemon logs them.</param>
internal sealed record PersistedState(
    IReadOnlyDictionary<string, int> NumericIds,
    IReadOnlyDictionary<string, InstanceRecord> Records,
    IReadOnlyList<InstanceDefinition> RunTime,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The previous daemon's cgroup subtree, as it recorded it (not yet checked); null when it used none.</summary>
    public string? Cgroups { get; init; }

    /// <summary>Replica groups scaled at run time, for the config to be loaded with.</summary>
    public IReadOnlyDictionary<string, ScaleRecord> Scales { get; init; } = new Dictionary<string, ScaleRecord>();

    public static PersistedState Empty { get; } = new(new Dictionary<string, int>(), new Dictionary<string, InstanceRecord>(), [], []);

    /// <summary>The run-time instances, for the config loader to keep clear of.</summary>
    public IReadOnlyList<ReservedInstance> Reserved => [.. RunTime.Select(d => new ReservedInstance(d.Id, d.Port, d.Template))];

    /// <summary>Whether an instance should run, as last recorded; null when it was not recorded.</summary>
    public bool? ShouldRun(string id) => Records.TryGetValue(id, out var record) ? record.ShouldRun : null;

    public static PersistedState From(StateDocument document)
    {
        var warnings = new List<string>();
        var records = new Dictionary<string, InstanceRecord>(StringComparer.Ordinal);
        var runTime = new List<InstanceDefinition>();
        foreach (var record in document.Instances.Where(r => r is not null).OrderBy(r => r.NumericId))
        {
            if (record.Id is null || !records.TryAdd(record.Id, record))
            {
                warnings.Add($"state.json: skipped a record without an id or with a repeated id '{record.Id}'");
                continue;
            }

            if (StateMapping.ParseOrigin(record.Origin) is InstanceOrigin.Config) continue;
            if (StateMapping.Definition(record, out var problem) is { } definition) runTime.Add(definition);
            else warnings.Add($"state.json: instance '{record.Id}' cannot be restored: {problem}");
        }

        var numericIds = new Dictionary<string, int>(document.NumericIds, StringComparer.Ordinal);
        foreach (var record in records.Values) numericIds.TryAdd(record.Id, record.NumericId);
        return new PersistedState(numericIds, records, runTime, warnings)
        {
            Cgroups = document.Cgroups,
            Scales = document.Scales?.Where(s => s.Value is { Count: >= 1 }).ToDictionary(StringComparer.Ordinal) ?? [],
        };
    }
}
