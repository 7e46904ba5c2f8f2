using ServiceManager.Cli.Completion;
using System.CommandLine;
using ServiceManager.Cli.Output;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Client;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Cli.Commands;

/// <summary><c>svcmgr start|stop|restart NAME... | --all</c>; <c>start</c> also takes an ad-hoc command after <c>--</c>.</summary>
internal static class TargetCommands
{
    private delegate Task<BulkResult> Operation(DaemonClient client, TargetParams targets, CancellationToken ct);

    public static Command Start()
    {
        var command = Create(
            "start",
            "Start instances; or, after --, start a command as a new instance: svcmgr start [--name N] [--port P] [--cwd D] [--env K=V]... [--env-file F] -- CMD [ARGS...]",
            "started", "already running", (c, t, ct) => c.StartAsync(t, ct), out var names, out var plain, startsDaemon: true);
        AdHocStart.Extend(command, names, plain);
        return command;
    }

    public static Command Stop() => Create("stop", "Stop instances (signal to the process group, grace, then SIGKILL)", "stopped", "already stopped", (c, t, ct) => c.StopAsync(t, ct), out _, out _);

    public static Command Restart() => Create("restart", "Stop then start instances", "restarted", "unchanged", (c, t, ct) => c.RestartAsync(t, ct), out _, out _);

    private static Command Create(
        string name,
        string description,
        string doneVerb,
        string unchangedText,
        Operation operation,
        out Argument<string[]> names,
        out Func<ParseResult, CancellationToken, Task<int>> action,
        bool startsDaemon = false)
    {
        var targetNames = new Argument<string[]>("NAME") { Description = NameHelp.Description + "; the word all alone means --all", Arity = ArgumentArity.ZeroOrMore }.CompletesInstanceNames();
        names = targetNames;
        var all = new Option<bool>("--all") { Description = "Every instance" };
        var command = new Command(name, description) { targetNames, all, GlobalOptions.Json };
        if (startsDaemon) command.Options.Add(DaemonAutoStart.Disable);
        action = async (parse, ct) =>
        {
            var targets = parse.GetValue(targetNames) ?? [];
            var everything = parse.GetValue(all);
            if (targets.Length == 0 == !everything)
            {
                await Console.Error.WriteLineAsync($"svcmgr {name}: give instance names or --all (not both)");
                return ExitCodes.Usage;
            }

            return await DaemonCall.RunAsync(GlobalOptions.Paths(parse), async client =>
            {
                var result = await operation(client, everything ? new TargetParams(All: true) : new TargetParams(targets), ct);
                // A stop that left processes running did not fully happen: say so and fail, even though the
                // instance itself is stopped.
                var warnings = result.Warnings ?? [];
                var exitCode = result.LeftProcessesRunning ? ExitCodes.Failed : ExitCodes.Success;
                if (parse.GetValue(GlobalOptions.Json))
                {
                    JsonOutput.Write(result, JsonOutput.Document.BulkResult);
                    return exitCode;
                }

                foreach (var id in result.Done) Console.Out.WriteLine($"{doneVerb} {id}");
                foreach (var id in result.Unchanged) Console.Out.WriteLine($"{id}: {unchangedText}");
                if (result.Done.Count + result.Unchanged.Count == 0) Console.Out.WriteLine("no instances");
                foreach (var warning in warnings) Console.Error.WriteLine($"svcmgr {name}: warning: {warning.Id}: {warning.Message}");
                return exitCode;
            }, ct, startDaemon: startsDaemon && DaemonAutoStart.Wanted(parse));
        };
        command.SetAction(action);
        return command;
    }
}
