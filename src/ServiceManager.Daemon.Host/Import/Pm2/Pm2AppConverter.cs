using System.Globalization;
using System.Text.Json;

namespace ServiceManager.Daemon.Host.Import.Pm2;

/// <summary>One app of an ecosystem file as TOML tables: <c>[instances.ID]</c>, or for <c>instances: N</c> a
/// <c>[templates.ID]</c> and N instances of it, each with PM2's <c>NODE_APP_INSTANCE</c>.</summary>
internal sealed partial class Pm2AppConverter(
    string source, int index, string baseDirectory, string? environmentName, int processorCount, InstanceIds ids)
{
    // Read by PM2 from the file name when an app gives no interpreter (lib/API/interpreter.json); anything else that
    // has an extension is run by node, and a script without one is run as a program.
    private static readonly Dictionary<string, string> Interpreters = new(StringComparer.OrdinalIgnoreCase)
    {
        [".sh"] = "bash", [".py"] = "python", [".rb"] = "ruby", [".php"] = "php", [".pl"] = "perl",
        [".coffee"] = "coffee", [".ls"] = "lsc", [".ts"] = "ts-node", [".tsx"] = "ts-node",
    };

    private readonly List<UnmappedKey> _unmapped = [];
    private readonly HashSet<string> _handled = new(StringComparer.Ordinal);
    private JsonElement _app;
    private string _where = $"apps[{index}]";

    public (IReadOnlyList<TomlTableText> Tables, IReadOnlyList<UnmappedKey> Unmapped, int Instances) Convert(JsonElement app)
    {
        if (app.ValueKind != JsonValueKind.Object) throw new Pm2FormatException($"{source}: {_where}: expected an object");
        _app = app;
        var script = Text("script") ?? Text("exec") ?? throw new Pm2FormatException($"{source}: {_where}: \"script\" is required");
        var name = Text("name") ?? Path.GetFileNameWithoutExtension(script);
        _where = $"apps[{index}] \"{name}\"";

        var replicas = Replicas();
        var (id, instanceIds) = ids.Take(name, replicas);
        var body = new TomlTableText(replicas > 1 ? $"templates.{id}" : $"instances.{id}");
        if (id != name) body.String("display_name", name);
        body.Strings("start_command", Command(script));
        body.String("working_dir", Path.GetFullPath(Text("cwd") ?? ".", baseDirectory));
        var environment = Environment();
        var port = TakePort(environment);
        if (port is { } p)
        {
            body.Integer("default_port", p);
            if (replicas > 1) body.Integers("port_range", p, Math.Min(65535, p + 99));
        }

        Restarts(body);
        Triggers(body);
        if (Get("namespace") is { } ns && Pm2Values.Scalar(ns) is { } tag) body.Strings("tags", [tag]);
        Handle("namespace");

        var tables = new List<TomlTableText> { body };
        var envTable = new TomlTableText(body.Header + ".env");
        foreach (var (key, value) in environment) envTable.String(key, value);
        if (!envTable.IsEmpty) tables.Add(envTable);

        var autoStart = Get("autostart") is not { ValueKind: JsonValueKind.False };
        Handle("autostart");
        var instanceVariable = Text("instance_var") ?? "NODE_APP_INSTANCE";
        if (replicas > 1)
        {
            for (var i = 0; i < instanceIds.Count; i++)
            {
                var instance = new TomlTableText($"instances.{instanceIds[i]}").String("template", id).Boolean("auto_start", autoStart);
                tables.Add(instance);
                tables.Add(new TomlTableText($"instances.{instanceIds[i]}.env").String(instanceVariable, i.ToString(CultureInfo.InvariantCulture)));
            }
        }
        else
        {
            body.Boolean("auto_start", autoStart);
        }

        ListTheRest();
        if (_unmapped.Count > 0) body.Comment("pm2 keys not mapped: " + string.Join(", ", _unmapped.Select(u => u.Key).Distinct()));
        return (tables, _unmapped, instanceIds.Count);
    }

    /// <summary>PM2 runs script with args under interpreter with its interpreter_args (node_args), or the script
    /// itself with <c>interpreter: "none"</c>.</summary>
    private List<string> Command(string script)
    {
        var args = Words("args") ?? [];
        var nodeArgs = Words("node_args");
        var interpreterArgs = Words("interpreter_args");
        var interpreter = Text("interpreter") ?? Text("exec_interpreter");
        Handle("script", "exec", "name", "cwd");
        if (interpreter is null)
        {
            var extension = Path.GetExtension(script);
            interpreter = extension.Length == 0 ? "none" : Interpreters.GetValueOrDefault(extension, "node");
        }

        if (interpreter != "none") return [interpreter, .. nodeArgs ?? [], .. interpreterArgs ?? [], script, .. args];
        foreach (var key in new[] { "node_args", "interpreter_args" }.Where(k => Get(k) is not null))
            NotMapped(key, "the script runs without an interpreter (interpreter \"none\", or a program without an extension)");
        return [script, .. args];
    }

    private int Replicas()
    {
        Handle("instances");
        if (Get("instances") is not { } value) return 1;
        if (value.ValueKind == JsonValueKind.String && value.GetString() == "max") return processorCount;
        var n = Pm2Values.Integer(value);
        return n switch
        {
            null => NotMapped("instances", 1, "expected a number or \"max\""),
            0 => processorCount,
            < 0 => Math.Max(1, processorCount + n.Value), // PM2: -1 is every CPU but one
            _ => n.Value,
        };
    }

    /// <summary><c>env</c>, with <c>env_NAME</c> over it when <c>--env NAME</c> picked it (as <c>pm2 start --env NAME</c>).</summary>
    private SortedDictionary<string, string> Environment()
    {
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Overlay("env", environment);
        foreach (var property in _app.EnumerateObject().Where(p => p.Name.StartsWith("env_", StringComparison.Ordinal)))
        {
            if (property.Name == "env_" + environmentName) Overlay(property.Name, environment);
            else NotMapped(property.Name, 0, $"another environment: pass --env {property.Name["env_".Length..]} to apply it over env");
        }

        return environment;
    }

    private void Overlay(string key, SortedDictionary<string, string> environment)
    {
        Handle(key);
        if (Get(key) is not { } table) return;
        if (table.ValueKind != JsonValueKind.Object)
        {
            NotMapped(key, "expected an object of variables");
            return;
        }

        foreach (var variable in table.EnumerateObject())
        {
            if (Pm2Values.Scalar(variable.Value) is { } value) environment[variable.Name] = value;
            else _unmapped.Add(new UnmappedKey(_where, $"{key}.{variable.Name}", Pm2Values.Show(variable.Value), "an environment value must be a string, number or boolean"));
        }
    }

    /// <summary>A numeric <c>PORT</c> becomes the instance's <c>default_port</c>: svcmgr sets <c>PORT</c> from it, and
    /// instances of one app (or apps that share a port in PM2's cluster mode) each get their own.</summary>
    private int? TakePort(SortedDictionary<string, string> environment)
    {
        if (!environment.TryGetValue("PORT", out var text) || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            return null;
        environment.Remove("PORT");
        return port;
    }

    private T NotMapped<T>(string key, T result, string why)
    {
        Handle(key);
        if (Get(key) is { } value) _unmapped.Add(new UnmappedKey(_where, key, Pm2Values.Show(value), why));
        return result;
    }

    private void NotMapped(string key, string why) => NotMapped(key, 0, why);

    private void ListTheRest()
    {
        foreach (var property in _app.EnumerateObject().Where(p => !_handled.Contains(p.Name)))
        {
            if (property.Name == "exec_mode" && Pm2Values.Scalar(property.Value) is "fork" or "fork_mode") continue;
            _unmapped.Add(new UnmappedKey(_where, property.Name, Pm2Values.Show(property.Value), Pm2Keys.NotMapped.GetValueOrDefault(property.Name, Pm2Keys.Unknown)));
        }
    }

    private JsonElement? Get(string key) => _app.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private string? Text(string key)
    {
        Handle(key);
        return Get(key) is { } value ? Pm2Values.Scalar(value) : null;
    }

    private IReadOnlyList<string>? Words(string key)
    {
        Handle(key);
        if (Get(key) is not { } value) return null;
        var words = Pm2Values.Words(value, out var error);
        if (words is null) NotMapped(key, error!);
        return words;
    }

    private void Handle(params string[] keys) => _handled.UnionWith(keys);
}
