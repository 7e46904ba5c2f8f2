using ServiceManager.Config.Binding;
using ServiceManager.Config.Model;

namespace ServiceManager.Config.Resolution;

/// <summary>
/// <c>instances = N</c>: one merged table becomes N members <c>ID.0</c> … <c>ID.(N-1)</c>, each resolved as any
/// instance is (its own port, <c>{index}</c> set). A written <c>port</c> is member 0's, member i gets port + i (as
/// pm2's <c>increment_var</c>). A <c>depends_on</c> entry naming a group waits for every member.
/// </summary>
internal static class ReplicaExpansion
{
    /// <param name="counts">Run-time <c>svcmgr scale</c> counts by group, which win over the file's <c>instances</c>.</param>
    public static List<(RawService Merged, string? TemplateId)> Expand(
        IReadOnlyList<(RawService Merged, string? TemplateId)> merged,
        IReadOnlyDictionary<string, int> counts,
        ErrorSink errors,
        out Dictionary<string, ReplicaGroup> groups)
    {
        var found = new Dictionary<string, ReplicaGroup>(StringComparer.Ordinal);
        var declared = merged.Select(m => m.Merged.Id).ToHashSet(StringComparer.Ordinal);
        var result = new List<(RawService, string?)>();
        foreach (var (s, templateId) in merged)
        {
            if (s.Replicas is not { } replicas)
            {
                result.Add((s, templateId));
                continue;
            }

            var count = counts.TryGetValue(s.Id, out var scaled) ? scaled : replicas.Value;
            var last = ReplicaGroup.MemberId(s.Id, Math.Max(count, replicas.Value) - 1);
            if (!DocumentBinder.IsValidId(last))
            {
                errors.Add(ConfigErrorKind.InvalidValue, replicas.Location, replicas.Key, $"member id \"{last}\" is too long: {DocumentBinder.IdRule}");
                continue;
            }

            if (Enumerable.Range(0, count).Select(i => ReplicaGroup.MemberId(s.Id, i)).FirstOrDefault(declared.Contains) is { } taken)
            {
                errors.Add(ConfigErrorKind.DuplicateId, replicas.Location, replicas.Key, $"member '{taken}' of '{s.Id}' has the id of another instance");
                continue;
            }

            if (s.Port is { } written && written.Value + count - 1 > 65535)
            {
                errors.Add(ConfigErrorKind.InvalidValue, written.Location, written.Key, $"member {count - 1} would get port {written.Value + count - 1}, above 65535");
                continue;
            }

            found[s.Id] = new ReplicaGroup(s.Id, count, replicas.Value);
            for (var i = 0; i < count; i++)
            {
                var member = s with
                {
                    Id = ReplicaGroup.MemberId(s.Id, i),
                    Member = (s.Id, i),
                    InvalidKeys = new HashSet<string>(s.InvalidKeys, StringComparer.Ordinal),
                    Port = s.Port is { } port ? port with { Value = port.Value + i } : null,
                };
                result.Add((member, templateId));
            }
        }

        groups = found;
        return [.. result.Select(m => (WithGroupDependencies(m.Item1, found), m.Item2))];
    }

    private static RawService WithGroupDependencies(RawService s, Dictionary<string, ReplicaGroup> groups)
    {
        if (s.DependsOn is not { } deps || !deps.Value.Any(d => groups.ContainsKey(d.Name))) return s;
        IReadOnlyList<RawDependency> expanded =
        [
            .. deps.Value.SelectMany(d => groups.TryGetValue(d.Name, out var group)
                ? Enumerable.Range(0, group.Count).Select(i => d with { Name = ReplicaGroup.MemberId(group.Name, i) })
                : [d]),
        ];
        return s with { DependsOn = deps with { Value = expanded } };
    }
}
