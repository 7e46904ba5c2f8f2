using System.CommandLine;
using ServiceManager.Cli;
using ServiceManager.Cli.Handover;
using ServiceManager.Daemon.Export;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Daemon.Host;

/// <summary><c>svcmgr startup systemd [--user]</c> and <c>svcmgr startup launchd</c>: a boot unit for the daemon of
/// this installation, printed or written to <c>--output</c> (docs/cli.md#svcmgr-startup).</summary>
internal static class StartupCommand
{
    public static Command Create()
    {
        var command = SiblingCommands.Startup.Declare();
        command.Subcommands.Add(Systemd());
        command.Subcommands.Add(Launchd());
        return command;
    }

    private static Command Systemd()
    {
        var user = new Option<bool>("--user") { Description = "A unit for your own systemd manager (systemctl --user) instead of a system unit" };
        var output = OutputOption();
        var command = new Command("systemd", "Print (or write) a systemd unit for the daemon: Type=notify, ExecReload sends SIGHUP, restarted on failure") { user, output };
        command.SetAction(parse =>
        {
            var userUnit = parse.GetValue(user);
            var unit = DaemonUnits.Systemd(Launch(parse, userUnit), userUnit);
            return Emit(unit, parse.GetValue(output), written => DaemonUnits.SystemdInstructions(userUnit, written));
        });
        return command;
    }

    private static Command Launchd()
    {
        var output = OutputOption();
        var command = new Command("launchd", "Print (or write) a launchd agent plist for the daemon: RunAtLoad, KeepAlive, stdout/stderr files") { output };
        command.SetAction(parse => Emit(DaemonUnits.Launchd(Launch(parse, userUnit: true)), parse.GetValue(output), DaemonUnits.LaunchdInstructions));
        return command;
    }

    private static Option<string?> OutputOption() => new("--output", "-o") { Description = "Write the file here instead of printing it" };

    private static DaemonLaunch Launch(ParseResult parse, bool userUnit)
    {
        List<string> global = [];
        if (parse.GetValue(GlobalOptions.Socket) is { } socket) global.AddRange(["--socket", Path.GetFullPath(socket)]);
        if (parse.GetValue(GlobalOptions.Config) is { } config) global.AddRange(["--config", Path.GetFullPath(config)]);
        return DaemonLaunch.ForThisInstallation(
            GlobalOptions.Paths(parse), global, userUnit, Environment.GetEnvironmentVariable, UnixUser.EffectiveUid, Environment.UserName);
    }

    /// <summary>The file on stdout (nothing else there, so it can be redirected), or written; how to install it on stderr.</summary>
    private static int Emit(string content, string? output, Func<string?, string> instructions)
    {
        if (output is null)
        {
            Console.Out.Write(content);
        }
        else
        {
            var path = Path.GetFullPath(output);
            File.WriteAllText(path, content);
            Console.Error.WriteLine($"wrote {path}");
        }

        Console.Error.WriteLine(instructions(output is null ? null : Path.GetFullPath(output)));
        return ExitCodes.Success;
    }
}
