namespace ServiceManager.Daemon.Host.Import.Pm2;

/// <summary>Instance ids as the config wants them (<c>[a-z0-9][a-z0-9._-]{0,62}</c>) from PM2's free-form names,
/// unique within one import.</summary>
internal sealed class InstanceIds
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    /// <summary>An id for <paramref name="name"/>, and with <paramref name="replicas"/> above one the ids of its
    /// numbered instances (<c>ID-1</c> ... <c>ID-N</c>), all free.</summary>
    public (string Id, IReadOnlyList<string> Instances) Take(string name, int replicas)
    {
        var chars = name.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray();
        var id = new string(chars).Trim('-', '.', '_');
        while (id.Contains("--", StringComparison.Ordinal)) id = id.Replace("--", "-", StringComparison.Ordinal);
        if (id.Length == 0) id = "app";
        if (id.Length > 50) id = id[..50].TrimEnd('-', '.', '_');
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? id : $"{id}-{n}";
            IReadOnlyList<string> instances = replicas > 1 ? [.. Enumerable.Range(1, replicas).Select(i => $"{candidate}-{i}")] : [candidate];
            if (_taken.Contains(candidate) || instances.Any(_taken.Contains)) continue;
            _taken.Add(candidate);
            _taken.UnionWith(instances);
            return (candidate, instances);
        }
    }
}
