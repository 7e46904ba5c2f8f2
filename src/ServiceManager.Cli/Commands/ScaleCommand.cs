using System.CommandLine;
using ServiceManager.Cli.Output;
using ServiceManager.Text;

namespace ServiceManager.Cli.Commands;

/// <summary><c>svcmgr scale NAME N</c>: a replica group gets N members; new ones start if the group runs, surplus ones stop and go.</summary>
internal static class ScaleCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "A replica group (an instance table with instances = N)" };
        var count = new Argument<int>("N") { Description = "How many members it should have (at least 1)" };
        var command = new Command("scale", "Change how many members a replica group has; kept across daemon restarts until the config's instances changes")
        {
            name, count, GlobalOptions.Json,
        };
        command.SetAction((parse, ct) => DaemonCall.RunAsync(GlobalOptions.Paths(parse), async client =>
        {
            var result = await client.ScaleAsync(parse.GetValue(name)!, parse.GetValue(count), ct);
            if (parse.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Write(result, JsonOutput.Document.ScaleResult);
                return ExitCodes.Success;
            }

            Console.Out.WriteLine($"{result.Name}: {HumanText.Number(result.Count)} member{(result.Count == 1 ? "" : "s")} ({string.Join(", ", result.Members)})");
            if (result.Added.Count > 0) Console.Out.WriteLine($"added:   {string.Join(", ", result.Added)}");
            if (result.Removed.Count > 0) Console.Out.WriteLine($"removed: {string.Join(", ", result.Removed)}");
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
