using System.CommandLine;
using ServiceManager.Cli;
using ServiceManager.Cli.Handover;
using ServiceManager.Daemon.Hosting;

namespace ServiceManager.Daemon.Host;

/// <summary><c>svcmgr daemon</c>: runs the daemon in the foreground until SIGTERM/SIGINT.</summary>
internal static class DaemonCommand
{
    public static Command Create()
    {
        var command = SiblingCommands.Daemon.Declare();
        command.SetAction((parse, ct) => DaemonRunner.RunAsync(GlobalOptions.Paths(parse), ct));
        return command;
    }
}
