using System.CommandLine;
using ServiceManager.Cli;
using ServiceManager.Cli.Handover;
using ServiceManager.Cli.Output;
using ServiceManager.Daemon.Diagnostics;
using ServiceManager.Daemon.Host.Doctor;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Client;
using ServiceManager.Protocol.Messages;
using ServiceManager.Text;

namespace ServiceManager.Daemon.Host;

/// <summary><c>svcmgr doctor</c>: checks of the environment, from here and from the daemon; <c>doctor orphans</c>: lost
/// children; <c>doctor port N</c>: who holds a port (<see cref="DoctorPortCommand"/>).</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = SiblingCommands.Doctor.Declare();
        command.Options.Add(GlobalOptions.Json);
        command.Subcommands.Add(Orphans());
        command.Subcommands.Add(DoctorPortCommand.Create());
        command.SetAction(async (parse, ct) =>
        {
            var paths = GlobalOptions.Paths(parse);
            await using var probe = await DaemonProbe.RunAsync(paths.SocketPath, ct);
            var checks = PathChecks.Run(paths).Concat(DaemonChecks.Run(paths, probe)).ToList();
            checks.AddRange(probe.Client is { } client ? await DaemonSideAsync(client, paths, ct) : LocalChecks.Run(paths));

            if (parse.GetValue(GlobalOptions.Json)) JsonOutput.Write<IReadOnlyList<DoctorCheck>>(checks, JsonOutput.Document.IReadOnlyListDoctorCheck);
            else Console.Out.Write(DoctorReport.Render(checks));
            return DoctorReport.ExitCode(checks);
        });
        return command;
    }

    /// <summary>The daemon's own checks (its config, fleet and children), or the CLI's stand-ins if it cannot make them.</summary>
    private static async Task<IEnumerable<DoctorCheck>> DaemonSideAsync(DaemonClient client, DaemonPaths paths, CancellationToken ct)
    {
        try
        {
            return await client.DoctorAsync(ct);
        }
        catch (Exception ex) when (ex is RpcErrorException or DaemonUnreachableException)
        {
            var failure = CheckStatus.Failed("daemon-checks", $"the daemon did not run its checks: {ex.Message}",
                "the checks below were made by the CLI instead; if the daemon is an older svcmgr, restart it");
            return LocalChecks.Run(paths).Prepend(failure);
        }
    }

    private static Command Orphans()
    {
        var command = new Command("orphans", "List processes that look like lost children of svcmgr (SVCMGR_INSTANCE set, no daemon supervising them)")
        {
            GlobalOptions.Json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var paths = GlobalOptions.Paths(parse);
            await using var probe = await DaemonProbe.RunAsync(paths.SocketPath, ct);
            IReadOnlyList<OrphanInfo> orphans;
            if (probe.Client is { } client)
            {
                orphans = await client.OrphansAsync(ct);
            }
            else
            {
                // No daemon of ours: none of the tagged processes is supervised by it; other daemons' children are still spared.
                await Console.Error.WriteLineAsync($"svcmgr: no daemon answers on {paths.SocketPath}; scanning from here");
                orphans = OrphanFinder.Find([], daemonPid: null);
            }

            if (parse.GetValue(GlobalOptions.Json)) JsonOutput.Write(orphans, JsonOutput.Document.IReadOnlyListOrphanInfo);
            else Console.Out.Write(Render(orphans));
            return ExitCodes.Success;
        });
        return command;
    }

    public static string Render(IReadOnlyList<OrphanInfo> orphans)
    {
        if (orphans.Count == 0) return "no lost children: every process with SVCMGR_INSTANCE belongs to a supervised instance\n";
        var table = new TableWriter("PID", "PGID", "INSTANCE", "COMMAND");
        foreach (var o in orphans)
            table.Add(HumanText.Number(o.Pid), HumanText.Number(o.ProcessGroup), o.Instance ?? HumanText.None, TableWriter.Truncate(o.Command));
        var text = new System.Text.StringBuilder(table.Render()).Append('\n');
        foreach (var o in orphans) text.Append(HumanText.Number(o.Pid)).Append(": ").Append(o.Reason).Append('\n');
        text.Append("\nstop one (and its group) with `kill -TERM -PGID`\n");
        return text.ToString();
    }
}
