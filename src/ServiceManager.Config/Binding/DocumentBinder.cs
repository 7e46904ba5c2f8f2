using ServiceManager.Config.Model;
using ServiceManager.Config.Text;
using ServiceManager.Config.Toml;

namespace ServiceManager.Config.Binding;

/// <summary>Reads the top level: <c>[daemon]</c>, <c>[web]</c>, <c>[templates.*]</c>, <c>[instances.*]</c>.</summary>
internal sealed class DocumentBinder(ErrorSink errors)
{
    private readonly ValueReader _read = new(errors);
    private readonly ServiceBinder _services = new(errors);

    public RawDocument Bind(TomlTableNode root)
    {
        var daemon = new RawDaemon();
        var web = new RawWeb();
        var templates = new List<RawService>();
        var instances = new List<RawService>();
        foreach (var entry in root.Entries)
        {
            switch (entry.Key)
            {
                case "daemon":
                    if (entry.Value is TomlTableNode table) BindDaemon(daemon, table);
                    else _read.Mismatch<object>(entry.Value, "daemon", "a table ([daemon])");
                    break;
                case "web":
                    if (entry.Value is TomlTableNode webTable) BindWeb(web, webTable);
                    else _read.Mismatch<object>(entry.Value, "web", "a table ([web])");
                    break;
                case "templates":
                case "instances":
                    BindServices(entry, entry.Key == "templates" ? templates : instances);
                    break;
                default:
                    errors.Add(ConfigErrorKind.UnknownKey, entry.KeyLocation, entry.Key, "unknown key" + Suggest.Hint(entry.Key, ServiceKeys.TopLevel)
                        + "; the top level holds [daemon], [web], [templates.ID] and [instances.ID]");
                    break;
            }
        }

        return new RawDocument(daemon, web, templates, instances);
    }

    /// <summary>Ids name files and appear on command lines: keep them to a safe, lower-case alphabet.</summary>
    public static bool IsValidId(string id) =>
        id.Length is >= 1 and <= 63
        && (char.IsAsciiLetterLower(id[0]) || char.IsAsciiDigit(id[0]))
        && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-');

    public const string IdRule = "ids use a-z, 0-9, '.', '_' and '-', start with a letter or digit, and are at most 63 characters";

    private void BindServices(TomlEntry section, List<RawService> into)
    {
        if (section.Value is not TomlTableNode table)
        {
            _read.Mismatch<object>(section.Value, section.Key, $"a table of tables ([{section.Key}.ID])");
            return;
        }

        foreach (var entry in table.Entries)
        {
            var key = $"{section.Key}.{entry.Key}";
            if (!IsValidId(entry.Key))
            {
                errors.Add(ConfigErrorKind.InvalidValue, entry.KeyLocation, key, $"invalid id \"{entry.Key}\": {IdRule}");
                continue;
            }

            if (entry.Value is TomlTableNode service) into.Add(_services.Bind(section.Key, entry.Key, service));
            else _read.Mismatch<object>(entry.Value, key, $"a table ([{key}])");
        }
    }

    private void BindDaemon(RawDaemon daemon, TomlTableNode table)
    {
        foreach (var entry in table.Entries)
        {
            var key = $"daemon.{entry.Key}";
            var v = entry.Value;
            switch (entry.Key)
            {
                case "default_port_range": daemon.DefaultPortRange = _read.PortRange(v, key); break;
                case "log_max_size": daemon.LogMaxSize = _read.Size(v, key); break;
                case "log_max_files": daemon.LogMaxFiles = _read.Int(v, key, 1); break;
                case "log_buffer_lines": daemon.LogBufferLines = _read.Int(v, key, 1); break;
                case "port_patterns": daemon.PortPatterns = new PortPatternBinder(errors).Bind(v, key); break;
                case "cgroups": daemon.Cgroups = Cgroups(v, key); break;
                case "watch_config": daemon.WatchConfig = _read.Bool(v, key); break;
                default:
                    errors.Add(ConfigErrorKind.UnknownKey, entry.KeyLocation, key, "unknown key" + Suggest.Hint(entry.Key, ServiceKeys.Daemon));
                    break;
            }
        }
    }

    private void BindWeb(RawWeb web, TomlTableNode table)
    {
        foreach (var entry in table.Entries)
        {
            var key = $"web.{entry.Key}";
            switch (entry.Key)
            {
                case "listen": web.Listen = _read.String(entry.Value, key); break;
                case "token_file": web.TokenFile = _read.String(entry.Value, key); break;
                default:
                    errors.Add(ConfigErrorKind.UnknownKey, entry.KeyLocation, key, "unknown key" + Suggest.Hint(entry.Key, ServiceKeys.Web));
                    break;
            }
        }

        if (web.Listen is null)
            errors.Add(ConfigErrorKind.MissingKey, table.Location, "web.listen",
                "[web] needs listen = \"ADDR:PORT\" (e.g. \"127.0.0.1:8767\"): the address the daemon's web front end serves on");
    }

    private Located<CgroupMode>? Cgroups(TomlNode node, string key)
    {
        if (_read.String(node, key) is not { } text) return null;
        CgroupMode? mode = text.Value switch
        {
            "auto" => CgroupMode.Auto,
            "off" => CgroupMode.Off,
            _ => null,
        };
        if (mode is { } m) return new(m, key, node.Location);
        errors.Add(ConfigErrorKind.InvalidValue, node.Location, key, $"expected \"auto\" or \"off\", got \"{text.Value}\"{Suggest.Hint(text.Value, ["auto", "off"])}");
        return null;
    }
}
