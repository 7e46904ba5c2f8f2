using System.CommandLine;
using ServiceManager.Cli.Output;
using ServiceManager.Protocol;
using ServiceManager.Text;

namespace ServiceManager.Cli.Commands;

/// <summary>
/// <c>svcmgr reload</c>: the daemon re-reads its config and applies the difference, or nothing. With NAMEs: a rolling
/// restart of those instances (a group's members one at a time), each replacement ready before its old process stops.
/// </summary>
internal static class ReloadCommand
{
    public static Command Create()
    {
        var names = new Argument<string[]>("NAME")
        {
            Description = "Instances or replica groups to reload without downtime (none: re-read the config). " + NameHelp.Description,
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command(
            "reload",
            "Re-read the config; changed instances restart. An invalid config changes nothing. With NAMEs: a zero-downtime rolling restart of those instances")
        {
            names, GlobalOptions.Json,
        };
        command.SetAction((parse, ct) => DaemonCall.RunAsync(GlobalOptions.Paths(parse), async client =>
        {
            if (parse.GetValue(names) is { Length: > 0 } given) return await RollingAsync(client, given, parse.GetValue(GlobalOptions.Json), ct);
            var diff = await client.ReloadAsync(ct);
            if (parse.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Write(diff, JsonOutput.Document.ReloadResult);
                return ExitCodes.Success;
            }

            Console.Out.WriteLine($"added:     {List(diff.Added)}");
            Console.Out.WriteLine($"removed:   {List(diff.Removed)}");
            Console.Out.WriteLine($"changed:   {List(diff.Changed)}");
            Console.Out.WriteLine($"unchanged: {List(diff.Unchanged)}");
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static async Task<int> RollingAsync(Protocol.Client.DaemonClient client, IReadOnlyList<string> names, bool json, CancellationToken ct)
    {
        var result = await client.RollingRestartAsync(names, ct);
        if (json)
        {
            JsonOutput.Write(result, JsonOutput.Document.RollingRestartResult);
            return ExitCodes.Success;
        }

        Console.Out.WriteLine($"replaced:    {List(result.Replaced)}");
        if (result.Restarted.Count > 0) Console.Out.WriteLine($"restarted:   {List(result.Restarted)}");
        if (result.Unchanged.Count > 0) Console.Out.WriteLine($"not running: {List(result.Unchanged)}");
        foreach (var warning in result.Warnings) Console.Error.WriteLine($"svcmgr reload: warning: {warning}");
        return ExitCodes.Success;
    }

    private static string List(IReadOnlyList<string> ids) => ids.Count == 0 ? HumanText.None : string.Join(", ", ids);
}
