using System.Text.Json;

namespace ServiceManager.Daemon.Host.Import.Pm2;

/// <summary>
/// A PM2 ecosystem document (<c>{ "apps": [...] }</c>, or the array of apps alone) as svcmgr TOML: one instance per
/// app, or a template and N instances for <c>instances: N</c>. Every key is mapped or listed
/// (<see cref="Pm2Keys"/>); the mapping is in docs/cli.md, "svcmgr import pm2".
/// </summary>
internal sealed class Pm2Converter(string source, string baseDirectory, string? environmentName, int processorCount)
{
    /// <exception cref="Pm2FormatException">The document is not an ecosystem: no apps, an app without a script.</exception>
    public Pm2Import Convert(JsonElement root)
    {
        var unmapped = new List<UnmappedKey>();
        JsonElement apps;
        if (root.ValueKind == JsonValueKind.Array)
        {
            apps = root;
        }
        else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("apps", out apps))
        {
            foreach (var property in root.EnumerateObject().Where(p => p.Name != "apps"))
                unmapped.Add(new UnmappedKey("", property.Name, Pm2Values.Show(property.Value), Pm2Keys.TopLevel.GetValueOrDefault(property.Name, Pm2Keys.Unknown)));
            if (apps.ValueKind == JsonValueKind.Object) apps = JsonDocument.Parse("[" + apps.GetRawText() + "]").RootElement;
        }
        else
        {
            throw new Pm2FormatException($"{source}: expected an object with \"apps\" (an array of apps), or an array of apps");
        }

        if (apps.ValueKind != JsonValueKind.Array || apps.GetArrayLength() == 0)
            throw new Pm2FormatException($"{source}: \"apps\" must be a non-empty array of apps");

        var ids = new InstanceIds();
        var tables = new List<TomlTableText>();
        var instances = 0;
        var index = 0;
        foreach (var app in apps.EnumerateArray())
        {
            var converted = new Pm2AppConverter(source, index++, baseDirectory, environmentName, processorCount, ids).Convert(app);
            tables.AddRange(converted.Tables);
            unmapped.AddRange(converted.Unmapped);
            instances += converted.Instances;
        }

        return new Pm2Import(source, tables, unmapped, index, instances);
    }
}

/// <summary>The ecosystem file is not one PM2 would run (exit 3), or could not be read at all (exit 1: node missing
/// or failing, an unreadable file).</summary>
internal sealed class Pm2FormatException(string message, bool unreadable = false) : Exception(message)
{
    public bool Unreadable { get; } = unreadable;
}

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
