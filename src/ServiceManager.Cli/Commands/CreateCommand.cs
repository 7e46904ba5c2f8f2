using System.CommandLine;
using ServiceManager.Cli.Output;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Cli.Commands;

/// <summary><c>svcmgr create --template T [--id ID] [--port P] [--start]</c>: a new instance of a template at run time.</summary>
internal static class CreateCommand
{
    public static Command Create()
    {
        var template = new Option<string>("--template", "-t") { Description = "The template to copy", Required = true };
        var id = new Option<string?>("--id") { Description = "Id of the new instance (default: TEMPLATE-N, the lowest free N)" };
        var port = new Option<int?>("--port") { Description = "Its port (default: the template's default_port if free, else the next free one in its port_range)" };
        var start = new Option<bool>("--start") { Description = "Start it at once" };
        var command = new Command("create", "Create a new instance of a template; it is kept across daemon restarts until removed")
        {
            template, id, port, start, GlobalOptions.Json, DaemonAutoStart.Disable,
        };
        command.SetAction((parse, ct) => DaemonCall.RunAsync(GlobalOptions.Paths(parse), async client =>
        {
            var wantsStart = parse.GetValue(start);
            var summary = await client.CreateAsync(new CreateParams(parse.GetValue(template)!, parse.GetValue(id), parse.GetValue(port), wantsStart), ct);
            if (parse.GetValue(GlobalOptions.Json)) JsonOutput.Write(summary, JsonOutput.Document.InstanceSummary);
            else Console.Out.WriteLine(AdHocStart.Describe(wantsStart ? "created and started" : "created", summary));
            return ExitCodes.Success;
        }, ct, startDaemon: DaemonAutoStart.Wanted(parse)));
        return command;
    }
}
