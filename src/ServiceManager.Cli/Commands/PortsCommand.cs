using System.CommandLine;
using ServiceManager.Cli.Output;
using ServiceManager.Protocol.Messages;
using ServiceManager.Text;

namespace ServiceManager.Cli.Commands;

/// <summary><c>svcmgr ports</c>: every instance's port, whether it is listening, and by whom.</summary>
internal static class PortsCommand
{
    public static Command Create()
    {
        var command = new Command("ports", "Show the ports of instances, whether each is listening and by which process") { GlobalOptions.Json };
        command.SetAction((parse, ct) => DaemonCall.RunAsync(GlobalOptions.Paths(parse), async client =>
        {
            var rows = await client.PortsAsync(ct);
            if (parse.GetValue(GlobalOptions.Json)) JsonOutput.Write(rows, JsonOutput.Document.IReadOnlyListPortInfo);
            else Console.Out.Write(Render(rows));
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    public static string Render(IReadOnlyList<PortInfo> rows)
    {
        if (rows.Count == 0) return "no instance has a port\n";
        var table = new TableWriter("PORT", "INSTANCE", "STATE", "LISTENING", "PID", "CONFLICT", "PROCESS");
        foreach (var r in rows)
            table.Add(HumanText.Number(r.Port), r.Instance, r.State, r.Listening ? "yes" : "no", HumanText.Number(r.Pid),
                r.Conflict ? "yes" : "no", r.Process is { } p ? TableWriter.Truncate(p) : HumanText.None);
        var text = table.Render();
        if (rows.Any(r => r.Conflict))
            text += "\nCONFLICT: a process outside the instance's process group listens on its port (`svcmgr doctor` suggests fixes)\n";
        return text;
    }
}
