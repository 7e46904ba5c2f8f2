using System.CommandLine;
using ServiceManager.Cli.Output;
using ServiceManager.Protocol.Client;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Cli.Commands;

/// <summary><c>svcmgr start|stop|restart NAME... | --all</c>.</summary>
internal static class TargetCommands
{
    private delegate Task<BulkResult> Operation(DaemonClient client, TargetParams targets, CancellationToken ct);

    public static Command Start() => Create("start", "Start instances", "started", "already running", (c, t, ct) => c.StartAsync(t, ct));

    public static Command Stop() => Create("stop", "Stop instances (signal to the process group, grace, then SIGKILL)", "stopped", "already stopped", (c, t, ct) => c.StopAsync(t, ct));

    public static Command Restart() => Create("restart", "Stop then start instances", "restarted", "unchanged", (c, t, ct) => c.RestartAsync(t, ct));

    private static Command Create(string name, string description, string doneVerb, string unchangedText, Operation operation)
    {
        var names = new Argument<string[]>("NAME") { Description = "Instance id, numeric id, or :PORT", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Every instance" };
        var command = new Command(name, description) { names, all, GlobalOptions.Json };
        command.SetAction(async (parse, ct) =>
        {
            var targets = parse.GetValue(names) ?? [];
            var everything = parse.GetValue(all);
            if (targets.Length == 0 == !everything)
            {
                await Console.Error.WriteLineAsync($"svcmgr {name}: give instance names or --all (not both)");
                return ExitCodes.Usage;
            }

            return await DaemonCall.RunAsync(GlobalOptions.Paths(parse), async client =>
            {
                var result = await operation(client, everything ? new TargetParams(All: true) : new TargetParams(targets), ct);
                if (parse.GetValue(GlobalOptions.Json))
                {
                    JsonOutput.Write(result, JsonOutput.Document.BulkResult);
                    return ExitCodes.Success;
                }

                foreach (var id in result.Done) Console.Out.WriteLine($"{doneVerb} {id}");
                foreach (var id in result.Unchanged) Console.Out.WriteLine($"{id}: {unchangedText}");
                if (result.Done.Count + result.Unchanged.Count == 0) Console.Out.WriteLine("no instances");
                return ExitCodes.Success;
            }, ct);
        });
        return command;
    }
}
