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
        }
        else
        {
            throw new Pm2FormatException($"{source}: expected an object with \"apps\" (an array of apps), or an array of apps");
        }

        // PM2 also takes a single app object as "apps".
        List<JsonElement> list = apps.ValueKind switch
        {
            JsonValueKind.Array => [.. apps.EnumerateArray()],
            JsonValueKind.Object => [apps],
            _ => [],
        };
        if (list.Count == 0) throw new Pm2FormatException($"{source}: \"apps\" must be a non-empty array of apps");

        var ids = new InstanceIds();
        var tables = new List<TomlTableText>();
        var instances = 0;
        var index = 0;
        foreach (var app in list)
        {
            var converted = new Pm2AppConverter(source, index++, baseDirectory, environmentName, processorCount, ids).Convert(app);
            tables.AddRange(converted.Tables);
            unmapped.AddRange(converted.Unmapped);
            instances += converted.Instances;
        }

        return new Pm2Import(source, tables, unmapped, index, instances);
    }
}
