using System.CommandLine;
using ServiceManager.Cli;
using ServiceManager.Cli.Handover;
using ServiceManager.Config;
using ServiceManager.Daemon.Export;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Host;

/// <summary><c>svcmgr export systemd DIR | compose FILE | toml [FILE]</c>: the fleet (config and run-time instances,
/// read from disk as the daemon reads them) for systemd, Compose, or as one services.toml (docs/cli.md#svcmgr-export).</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var command = SiblingCommands.Export.Declare();
        command.Subcommands.Add(Systemd());
        command.Subcommands.Add(Compose());
        command.Subcommands.Add(Toml());
        return command;
    }

    private static Command Systemd()
    {
        var directory = new Argument<string>("DIR") { Description = "Directory to write svcmgr-ID.service files and svcmgr.target into (created if missing)" };
        var command = new Command("systemd", "Write one systemd unit per instance and a svcmgr.target wanting them all") { directory };
        command.SetAction(parse => Run(parse, fleet =>
        {
            var dir = Path.GetFullPath(parse.GetValue(directory)!);
            Directory.CreateDirectory(dir);
            var units = SystemdExport.Units([.. fleet.Instances], Source(fleet));
            foreach (var (name, content) in units) File.WriteAllText(Path.Combine(dir, name), content);
            Console.Out.WriteLine($"wrote {units.Count - 1} units and {SystemdExport.TargetName} to {dir}");
            Console.Error.WriteLine($"install: cp {dir}/svcmgr* /etc/systemd/system/ && systemctl daemon-reload && systemctl enable --now {SystemdExport.TargetName}");
        }));
        return command;
    }

    private static Command Compose()
    {
        var file = new Argument<string>("FILE") { Description = "The Compose file to write (compose.yaml); - prints it" };
        var command = new Command("compose", "Write a Compose file: one service per instance") { file };
        command.SetAction(parse => Run(parse, fleet => Write(parse.GetValue(file)!, ComposeExport.File([.. fleet.Instances], Source(fleet)))));
        return command;
    }

    private static Command Toml()
    {
        var file = new Argument<string?>("FILE") { Description = "The file to write; without it (or -) the file is printed", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("toml", "Save the whole fleet, config and run-time instances, as one services.toml that loads back (pm2 save)") { file };
        command.SetAction(parse => Run(parse, fleet =>
        {
            var target = parse.GetValue(file) ?? "-";
            Write(target, TomlExport.File(fleet, Source(fleet)));
            // The config's text is copied as written: its relative paths (and the default working directory, the
            // config's own) would resolve against the new file's directory.
            if (target != "-" && fleet.ConfigText is not null && Path.GetDirectoryName(Path.GetFullPath(target)) != Path.GetDirectoryName(fleet.Config.Path))
                Console.Error.WriteLine($"svcmgr: note: {target} is not beside {fleet.Config.Path}; the config's relative paths and default working directories will resolve against its own directory");
        }));
        return command;
    }

    private static int Run(ParseResult parse, Action<ExportedFleet> export)
    {
        var paths = GlobalOptions.Paths(parse);
        ExportedFleet fleet;
        try
        {
            fleet = ExportedFleet.Load(paths, DaemonEnvironment.Capture());
        }
        catch (ConfigException ex)
        {
            Console.Error.WriteLine($"svcmgr: invalid config {paths.ConfigPath}:\n{ex.Message}");
            return ExitCodes.ConfigInvalid;
        }

        export(fleet);
        return ExitCodes.Success;
    }

    private static void Write(string target, string content)
    {
        if (target == "-")
        {
            Console.Out.Write(content);
            return;
        }

        var path = Path.GetFullPath(target);
        File.WriteAllText(path, content);
        Console.Out.WriteLine($"wrote {path}");
    }

    private static string Source(ExportedFleet fleet) =>
        fleet.Config.Path is { } path ? path + (fleet.RunTime.Count > 0 ? " and state.json" : "") : "state.json";
}
