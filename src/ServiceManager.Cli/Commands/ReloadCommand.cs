using System.CommandLine;
using ServiceManager.Cli.Output;
using ServiceManager.Text;

namespace ServiceManager.Cli.Commands;

/// <summary><c>svcmgr reload</c>: the daemon re-reads its config and applies the difference, or nothing.</summary>
internal static class ReloadCommand
{
    public static Command Create()
    {
        var command = new Command("reload", "Re-read the config; changed instances restart. An invalid config changes nothing.") { GlobalOptions.Json };
        command.SetAction((parse, ct) => DaemonCall.RunAsync(GlobalOptions.Paths(parse), async client =>
        {
            var diff = await client.ReloadAsync(ct);
            if (parse.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Write(diff, JsonOutput.Document.ReloadResult);
                return ExitCodes.Success;
            }

            static string List(IReadOnlyList<string> ids) => ids.Count == 0 ? HumanText.None : string.Join(", ", ids);
            Console.Out.WriteLine($"added:     {List(diff.Added)}");
            Console.Out.WriteLine($"removed:   {List(diff.Removed)}");
            Console.Out.WriteLine($"changed:   {List(diff.Changed)}");
            Console.Out.WriteLine($"unchanged: {List(diff.Unchanged)}");
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
