using ServiceManager.Cli.Completion;
using System.CommandLine;
using ServiceManager.Cli.Output;
using ServiceManager.Protocol;

namespace ServiceManager.Cli.Commands;

/// <summary><c>svcmgr remove NAME...</c> (<c>delete</c>): stop and forget instances created at run time.</summary>
internal static class RemoveCommand
{
    public static Command Create()
    {
        var names = new Argument<string[]>("NAME") { Description = NameHelp.Description, Arity = ArgumentArity.OneOrMore }.CompletesInstanceNames();
        var command = new Command("remove", "Stop and forget instances created with `start --` or `create` (their log files stay)") { names, GlobalOptions.Json };
        command.Aliases.Add("delete");
        command.SetAction((parse, ct) => DaemonCall.RunAsync(GlobalOptions.Paths(parse), async client =>
        {
            var result = await client.RemoveAsync(parse.GetValue(names) ?? [], ct);
            if (parse.GetValue(GlobalOptions.Json)) JsonOutput.Write(result, JsonOutput.Document.RemoveResult);
            else foreach (var id in result.Removed) Console.Out.WriteLine($"removed {id}");
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
