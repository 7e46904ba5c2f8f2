using ServiceManager.Cli.Completion;
using System.CommandLine;
using ServiceManager.Cli.Output;
using ServiceManager.Platform;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Client;

namespace ServiceManager.Cli.Commands;

/// <summary><c>svcmgr signal NAME SIGNAL</c>: a signal to the instance's whole process group.</summary>
internal static class SignalCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = NameHelp.Description }.CompletesInstanceNames();
        var signal = new Argument<string>("SIGNAL") { Description = "Signal name (SIGHUP, HUP, usr1) or number" };
        var command = new Command("signal", "Send a signal to an instance's process group") { name, signal, GlobalOptions.Json };
        command.SetAction(async (parse, ct) =>
        {
            var instance = parse.GetValue(name)!;
            var text = parse.GetValue(signal)!;
            // Checked here too, so a typo is a usage error (64) and the daemon's "invalid params" can only mean "not running".
            if (SignalNames.Parse(text) is not { } number)
            {
                await Console.Error.WriteLineAsync($"svcmgr signal: unknown signal '{text}'; use a name such as SIGHUP, HUP or USR1, or a number from 1 to 64");
                return ExitCodes.Usage;
            }

            return await DaemonCall.RunAsync(GlobalOptions.Paths(parse), async client =>
            {
                try
                {
                    var result = await client.SignalAsync(instance, text, ct);
                    if (parse.GetValue(GlobalOptions.Json)) JsonOutput.Write(result, JsonOutput.Document.EmptyResult);
                    else Console.Out.WriteLine($"sent {SignalNames.Name(number)} to {instance}");
                    return ExitCodes.Success;
                }
                catch (RpcErrorException ex) when (ex.Code == RpcErrorCodes.InvalidParams && ex.Candidates is null)
                {
                    await Console.Error.WriteLineAsync($"svcmgr: {ex.Message}");
                    return ExitCodes.Failed;
                }
            }, ct);
        });
        return command;
    }
}
