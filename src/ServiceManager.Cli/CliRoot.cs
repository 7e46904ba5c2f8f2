using System.CommandLine;
using ServiceManager.Cli.Commands;

namespace ServiceManager.Cli;

/// <summary>The command tree of <c>svcmgr</c>.</summary>
internal static class CliRoot
{
    public static RootCommand Create()
    {
        var root = new RootCommand("svcmgr: start, watch, restart and log local services")
        {
            GlobalOptions.Socket,
            GlobalOptions.Config,
            DaemonCommand.Create(),
            ListCommand.Create(),
            StatusCommand.Create(),
            TemplatesCommand.Create(),
            TargetCommands.Start(),
            TargetCommands.Stop(),
            TargetCommands.Restart(),
            CreateCommand.Create(),
            RemoveCommand.Create(),
            ReloadCommand.Create(),
            LogsCommand.Create(),
            PortsCommand.Create(),
            MetricsCommand.Create(),
            EventsCommand.Create(),
            TopCommand.Create(),
            SignalCommand.Create(),
            KillCommand.Create(),
            DoctorCommand.Create(),
            ServiceManager.Mcp.McpCommand.Create(GlobalOptions.Paths),
            ReplCommand.Create(),
        };
        return root;
    }
}
