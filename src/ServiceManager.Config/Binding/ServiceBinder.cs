using ServiceManager.Config.Model;
using ServiceManager.Config.Text;
using ServiceManager.Config.Toml;
using ServiceManager.Platform;

namespace ServiceManager.Config.Binding;

/// <summary>Reads one <c>[templates.ID]</c> or <c>[instances.ID]</c> table key by key, rejecting unknown keys and wrong types.</summary>
internal sealed partial class ServiceBinder(ErrorSink errors)
{
    private static readonly string[] _restartValues = ["always", "on-failure", "never"];

    private readonly ValueReader _read = new(errors);

    public RawService Bind(string section, string id, TomlTableNode table)
    {
        var raw = new RawService(section, id, table.Location);
        var isTemplate = section == "templates";
        foreach (var entry in table.Entries)
        {
            if (!BindKey(raw, entry, raw.KeyPath(entry.Key), isTemplate)) raw.InvalidKeys.Add(entry.Key);
        }

        return raw;
    }

    private bool BindKey(RawService raw, TomlEntry entry, string key, bool isTemplate)
    {
        var v = entry.Value;
        switch (entry.Key)
        {
            case "display_name": return Given(raw.DisplayName = _read.String(v, key));
            case "description": return Given(raw.Description = _read.String(v, key));
            case "category": return Given(raw.Category = _read.String(v, key));
            case "start_command": return Given(raw.StartCommand = _read.Command(v, key));
            case "shell": return Given(raw.Shell = _read.Bool(v, key));
            case "working_dir": return Given(raw.WorkingDir = _read.String(v, key));
            case "default_port": return Given(raw.DefaultPort = _read.Port(v, key));
            case "port_range": return Given(raw.PortRange = _read.PortRange(v, key));
            case "env": return Given(raw.Env = Env(v, key));
            case "env_file": return Given(raw.EnvFile = _read.String(v, key));
            case "health_endpoint": return Given(raw.HealthEndpoint = _read.String(v, key));
            case "health_interval_ms": return Given(raw.HealthIntervalMs = _read.Int(v, key, 1));
            case "health_timeout_ms": return Given(raw.HealthTimeoutMs = _read.Int(v, key, 1));
            case "restart_on_unhealthy": return Given(raw.RestartOnUnhealthy = _read.Bool(v, key));
            case "restart": return Given(raw.Restart = Restart(v, key));
            case "backoff_initial": return Given(raw.BackoffInitial = _read.Duration(v, key));
            case "backoff_max": return Given(raw.BackoffMax = _read.Duration(v, key));
            case "max_restarts_per_minute": return Given(raw.MaxRestartsPerMinute = _read.Int(v, key, 1));
            case "min_uptime": return Given(raw.MinUptime = _read.Duration(v, key));
            case "stop_signal": return Given(raw.StopSignal = Signal(v, key));
            case "stop_timeout": return Given(raw.StopTimeout = _read.Duration(v, key));
            case "stop_command": return Given(raw.StopCommand = _read.String(v, key));
            case "max_memory": return Given(raw.MaxMemory = _read.Size(v, key));
            case "depends_on": return Given(raw.DependsOn = DependsOn(v, key));
            case "watch": return Given(raw.Watch = Watch(v, key));
            case "watch_ignore": return Given(raw.WatchIgnore = Globs(v, key));
            case "watch_debounce": return Given(raw.WatchDebounce = _read.Duration(v, key));
            case "cron_restart": return Given(raw.CronRestart = Cron(v, key));
            case "schedule": return Given(raw.Schedule = Cron(v, key));
            case "ready_log_line": return Given(raw.ReadyLogLine = ReadyLine(v, key));
            case "tags": return Given(raw.Tags = _read.StringArray(v, key));
            case "instances": return Given(raw.Replicas = _read.Int(v, key, 1, ReplicaGroup.MaxMembers));
            case "listen": return Given(raw.Listen = ListenText(v, key));
            case "ready_timeout": return Given(raw.ReadyTimeout = _read.Duration(v, key));
            case "supports_multiple" when isTemplate: return Given(raw.SupportsMultiple = _read.Bool(v, key));
            case "template" when !isTemplate: return Given(raw.Template = _read.String(v, key));
            case "port" when !isTemplate: return Given(raw.Port = _read.Port(v, key));
            case "auto_start" when !isTemplate: return Given(raw.AutoStart = _read.Bool(v, key));
            default:
                Unknown(entry, key, isTemplate);
                return true;
        }
    }

    private void Unknown(TomlEntry entry, string key, bool isTemplate)
    {
        if (isTemplate && ServiceKeys.InstanceOnly.Contains(entry.Key))
        {
            var hint = entry.Key == "port" ? " (a template sets default_port or port_range)" : "";
            errors.Add(ConfigErrorKind.UnknownKey, entry.KeyLocation, key, $"only allowed in [instances.*]{hint}");
            return;
        }

        if (!isTemplate && ServiceKeys.TemplateOnly.Contains(entry.Key))
        {
            errors.Add(ConfigErrorKind.UnknownKey, entry.KeyLocation, key, "only allowed in [templates.*]");
            return;
        }

        var allowed = ServiceKeys.Shared.Concat(isTemplate ? ServiceKeys.TemplateOnly : ServiceKeys.InstanceOnly);
        errors.Add(ConfigErrorKind.UnknownKey, entry.KeyLocation, key, "unknown key" + Suggest.Hint(entry.Key, allowed));
    }

    private List<RawEnvEntry>? Env(TomlNode node, string key)
    {
        if (node is not TomlTableNode table)
        {
            _read.Mismatch<object>(node, key, "a table of strings, e.g. { NAME = \"value\" }");
            return null;
        }

        var entries = new List<RawEnvEntry>();
        var ok = true;
        foreach (var entry in table.Entries)
        {
            var entryKey = $"{key}.{entry.Key}";
            if (entry.Key.Length == 0 || entry.Key.Contains('=', StringComparison.Ordinal) || entry.Key.Contains('\0', StringComparison.Ordinal))
            {
                errors.Add(ConfigErrorKind.InvalidValue, entry.KeyLocation, entryKey, "not a valid environment variable name");
                ok = false;
            }
            else if (_read.String(entry.Value, entryKey) is { } value)
            {
                entries.Add(new RawEnvEntry(entry.Key, value));
            }
            else
            {
                ok = false;
            }
        }

        return ok ? entries : null;
    }

    private Located<RestartPolicy>? Restart(TomlNode node, string key)
    {
        if (_read.String(node, key) is not { } text) return null;
        RestartPolicy? policy = text.Value switch
        {
            "always" => RestartPolicy.Always,
            "on-failure" => RestartPolicy.OnFailure,
            "never" => RestartPolicy.Never,
            _ => null,
        };
        if (policy is { } p) return new(p, key, node.Location);
        errors.Add(ConfigErrorKind.InvalidValue, node.Location, key, $"expected one of always, on-failure, never, got \"{text.Value}\"{Suggest.Hint(text.Value, _restartValues)}");
        return null;
    }

    private Located<int>? Signal(TomlNode node, string key)
    {
        var text = node switch
        {
            TomlScalarNode { Value: string s } => s,
            TomlScalarNode { Value: long n } => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };
        if (text is null) return _read.Mismatch<int>(node, key, "a signal name such as \"SIGTERM\"");
        if (SignalNames.Parse(text) is { } signal) return new(signal, key, node.Location);
        errors.Add(ConfigErrorKind.InvalidValue, node.Location, key, $"unknown signal \"{text}\" (expected a name such as SIGTERM, SIGINT, SIGHUP, or a number)");
        return null;
    }

    private static bool Given<T>(T? value) where T : class => value is not null;
}
