using System.Globalization;
using System.Text;
using System.CommandLine;
using ServiceManager.Cli.Output;
using ServiceManager.Protocol.Messages;
using ServiceManager.Text;

namespace ServiceManager.Cli.Commands;

/// <summary><c>svcmgr metrics</c>: the daemon's latest sample of the system and of every running instance.</summary>
internal static class MetricsCommand
{
    public static Command Create()
    {
        var command = new Command("metrics", "Show system load and memory, and CPU, memory, threads and open files of running instances") { GlobalOptions.Json };
        command.SetAction((parse, ct) => DaemonCall.RunAsync(GlobalOptions.Paths(parse), async client =>
        {
            var result = await client.MetricsAsync(ct);
            if (parse.GetValue(GlobalOptions.Json)) JsonOutput.Write(result, JsonOutput.Document.MetricsResult);
            else Console.Out.Write(Render(result));
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    public static string Render(MetricsResult result)
    {
        if (result.System is not { } system) return "no sample yet (the daemon samples every 2 s); try again in a moment\n";
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"system: cpu {HumanText.Percent(system.CpuPercent)} of {system.CpuCount} cores, load {Load(system.LoadAverage1)} {Load(system.LoadAverage5)} {Load(system.LoadAverage15)}, ");
        text.Append(CultureInfo.InvariantCulture,
            $"memory {HumanText.Bytes(system.MemoryUsedBytes)} used of {HumanText.Bytes(system.MemoryTotalBytes)} ({HumanText.Bytes(system.MemoryAvailableBytes)} available)\n");
        if (result.Instances.Count == 0) return text.Append("no running instances\n").ToString();
        text.Append('\n');
        var table = new TableWriter("ID", "NAME", "CPU", "MEMORY", "THREADS", "FDS", "PROCS", "UPTIME");
        foreach (var i in result.Instances)
            table.Add(HumanText.Number(i.NumericId), i.Id, HumanText.Percent(i.CpuPercent), HumanText.Bytes(i.MemoryBytes),
                HumanText.Number(i.Threads), HumanText.Number(i.OpenFds), HumanText.Number(i.Processes), HumanText.Duration(i.UptimeMs));
        return text.Append(table.Render()).ToString();
    }

    private static string Load(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
