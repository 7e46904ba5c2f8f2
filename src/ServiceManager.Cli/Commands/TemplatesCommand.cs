using System.CommandLine;
using ServiceManager.Cli.Output;
using ServiceManager.Protocol.Messages;
using ServiceManager.Text;

namespace ServiceManager.Cli.Commands;

/// <summary><c>svcmgr templates</c>.</summary>
internal static class TemplatesCommand
{
    public static Command Create()
    {
        var command = new Command("templates", "List the templates of the config") { GlobalOptions.Json };
        command.SetAction((parse, ct) => DaemonCall.RunAsync(GlobalOptions.Paths(parse), async client =>
        {
            var templates = await client.TemplatesAsync(ct);
            if (parse.GetValue(GlobalOptions.Json)) JsonOutput.Write(templates, JsonOutput.Document.IReadOnlyListTemplateInfo);
            else Console.Out.Write(Render(templates));
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    public static string Render(IReadOnlyList<TemplateInfo> templates)
    {
        if (templates.Count == 0) return "no templates\n";
        var table = new TableWriter("TEMPLATE", "NAME", "PORT", "MULTIPLE", "INSTANCES", "COMMAND");
        foreach (var t in templates)
        {
            var port = t.DefaultPort is { } p ? p.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : t.PortRange is [var first, var last] ? $"{first}-{last}" : HumanText.None;
            table.Add(t.Id, t.DisplayName ?? HumanText.None, port, t.SupportsMultiple ? "yes" : "no",
                t.Instances.Count == 0 ? HumanText.None : string.Join(",", t.Instances), t.StartCommand ?? HumanText.None);
        }

        return table.Render();
    }
}
