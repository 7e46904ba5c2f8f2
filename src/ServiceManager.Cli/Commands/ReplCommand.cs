using System.CommandLine;
using ServiceManager.Cli.Repl;

namespace ServiceManager.Cli.Commands;

/// <summary><c>svcmgr repl</c>: an interactive prompt for every command (<see cref="ReplSession"/>).</summary>
internal static class ReplCommand
{
    public static Command Create()
    {
        var command = new Command("repl", "An interactive svcmgr> prompt for every command, with line editing and history; without a terminal it runs the commands read from stdin, one per line");
        command.SetAction(ReplSession.RunAsync);
        return command;
    }
}
