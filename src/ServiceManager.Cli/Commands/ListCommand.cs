using System.CommandLine;
using ServiceManager.Cli.Output;
using ServiceManager.Protocol.Messages;
using ServiceManager.Text;

namespace ServiceManager.Cli.Commands;

/// <summary><c>svcmgr list</c> (<c>ls</c>, <c>instances</c>): one row per instance.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var template = new Option<string?>("--template") { Description = "Only instances of this template" };
        var tag = new Option<string?>("--tag") { Description = "Only instances with this tag" };
        var status = new Option<string?>("--status") { Description = "Only instances in this state (running, stopped, failed, ...)" };
        var command = new Command("list", "List instances") { template, tag, status, GlobalOptions.Json };
        command.Aliases.Add("ls");
        command.Aliases.Add("instances");
        command.SetAction((parse, ct) => DaemonCall.RunAsync(GlobalOptions.Paths(parse), async client =>
        {
            var rows = await client.ListAsync(new ListParams(parse.GetValue(template), parse.GetValue(tag), parse.GetValue(status)), ct);
            if (parse.GetValue(GlobalOptions.Json)) JsonOutput.Write(rows, JsonOutput.Document.IReadOnlyListInstanceSummary);
            else Console.Out.Write(Render(rows));
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    public static string Render(IReadOnlyList<InstanceSummary> rows)
    {
        if (rows.Count == 0) return "no instances (add some to the config, then `svcmgr reload`)\n";
        var table = new TableWriter("ID", "NAME", "TEMPLATE", "STATE", "HEALTH", "PID", "PORT", "CPU", "MEMORY", "UPTIME", "RESTARTS");
        foreach (var r in rows)
            table.Add(HumanText.Number(r.NumericId), r.Id, r.Template ?? HumanText.None,
                // A start queued behind depends_on: stopped on the wire, but "stopped" would read as "will not run".
                r.WaitingFor is { Count: > 0 } ? "waiting" : r.State, r.Health,
                HumanText.Number(r.Pid), HumanText.Number(r.Port), HumanText.Percent(r.CpuPercent), HumanText.Bytes(r.MemoryBytes),
                HumanText.Duration(r.UptimeMs), HumanText.Number(r.Restarts));
        return table.Render();
    }
}
