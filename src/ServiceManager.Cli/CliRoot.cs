using System.CommandLine;
using ServiceManager.Cli.Commands;
using ServiceManager.Cli.Handover;

namespace ServiceManager.Cli;

/// <summary>The command tree of <c>svcmgr</c>.</summary>
internal static class CliRoot
{
    /// <param name="handOver">What the stand-ins of the sibling commands do: <c>exec</c> the sibling
    /// (<see cref="SiblingHandover.ExecWith"/>), or run it as a child and wait (<c>svcmgr repl</c>, which goes on).</param>
    public static RootCommand Create(SiblingHandover.Run handOver)
    {
        var root = new RootCommand("svcmgr: start, watch, restart and log local services")
        {
            GlobalOptions.Socket,
            GlobalOptions.Config,
            ListCommand.Create(),
            StatusCommand.Create(),
            TemplatesCommand.Create(),
            TargetCommands.Start(),
            TargetCommands.Stop(),
            TargetCommands.Restart(),
            CreateCommand.Create(),
            RemoveCommand.Create(),
            ReloadCommand.Create(),
            ScaleCommand.Create(),
            LogsCommand.Create(),
            PortsCommand.Create(),
            MetricsCommand.Create(),
            EventsCommand.Create(),
            SignalCommand.Create(),
            KillCommand.Create(),
            ReplCommand.Create(),
            CompletionCommand.Create(),
        };
        foreach (var standIn in SiblingHandover.StandIns(handOver)) root.Subcommands.Add(standIn);
        return root;
    }
}
