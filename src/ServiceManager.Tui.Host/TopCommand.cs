using System.CommandLine;
using ServiceManager.Cli;
using ServiceManager.Cli.Handover;
using ServiceManager.Tui.Terminal;

namespace ServiceManager.Tui.Host;

/// <summary><c>svcmgr top</c> (alias <c>monit</c>): the full-screen dashboard, a client of the daemon like every command.</summary>
internal static class TopCommand
{
    public static Command Create()
    {
        var command = SiblingCommands.Top.Declare();
        command.SetAction(async (parse, ct) =>
        {
            if (Console.IsInputRedirected || Console.IsOutputRedirected)
            {
                await Console.Error.WriteLineAsync("svcmgr: top needs a terminal (use list, status, logs -f or events in scripts)");
                return ExitCodes.Usage;
            }
            return await TopApplication.RunAsync(GlobalOptions.Paths(parse).SocketPath, ct);
        });
        return command;
    }
}
