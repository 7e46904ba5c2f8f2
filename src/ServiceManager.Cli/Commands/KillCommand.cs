using ServiceManager.Cli.Completion;
using System.CommandLine;
using ServiceManager.Cli.Output;
using ServiceManager.Protocol;

namespace ServiceManager.Cli.Commands;

/// <summary><c>svcmgr kill NAME...</c>: SIGKILL to each instance's whole group at once, no grace; it stays stopped.</summary>
internal static class KillCommand
{
    public static Command Create()
    {
        var names = new Argument<string[]>("NAME") { Description = NameHelp.Description, Arity = ArgumentArity.OneOrMore }.CompletesInstanceNames();
        var command = new Command("kill", "Send SIGKILL to instances' whole process groups (and cgroups) at once, without grace, and leave them stopped (no restart)")
        {
            names, GlobalOptions.Json,
        };
        command.SetAction((parse, ct) => DaemonCall.RunAsync(GlobalOptions.Paths(parse), async client =>
        {
            var result = await client.KillAsync(parse.GetValue(names) ?? [], ct);
            var warnings = result.Warnings ?? [];
            // Processes SIGKILL could not reach (they left the group and the cgroup): the kill did not fully happen.
            var exitCode = warnings.Any(w => w.Survivors.Count > 0) ? ExitCodes.Failed : ExitCodes.Success;
            if (parse.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Write(result, JsonOutput.Document.BulkResult);
                return exitCode;
            }

            foreach (var id in result.Done) Console.Out.WriteLine($"killed {id}");
            foreach (var id in result.Unchanged) Console.Out.WriteLine($"{id}: already stopped");
            foreach (var warning in warnings) Console.Error.WriteLine($"svcmgr kill: warning: {warning.Id}: {warning.Message}");
            return exitCode;
        }, ct));
        return command;
    }
}
