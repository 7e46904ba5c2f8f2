using System.CommandLine;
using ServiceManager.Cli;
using ServiceManager.Cli.Handover;

namespace ServiceManager.Mcp.Host;

/// <summary><c>svcmgr mcp [--start-daemon]</c>.</summary>
internal static class McpCommand
{
    public static Command Create()
    {
        var startDaemon = new Option<bool>("--start-daemon")
        {
            Description = "Start `svcmgr daemon` in the background when none is running (it keeps running after this server exits)",
        };
        var command = SiblingCommands.Mcp.Declare();
        command.Options.Add(startDaemon);
        command.SetAction((parse, ct) => McpServerHost.RunAsync(GlobalOptions.Paths(parse), parse.GetValue(startDaemon), ct));
        return command;
    }
}
