using System.CommandLine;
using ServiceManager.Daemon.Hosting;

namespace ServiceManager.Cli.Commands;

/// <summary><c>svcmgr daemon</c>: runs the daemon in the foreground until SIGTERM/SIGINT.</summary>
internal static class DaemonCommand
{
    public static Command Create()
    {
        var command = new Command("daemon", "Run the daemon in the foreground; SIGTERM/SIGINT stop every child gracefully, then exit 0");
        command.SetAction((parse, ct) => DaemonRunner.RunAsync(GlobalOptions.Paths(parse), ct));
        return command;
    }
}
