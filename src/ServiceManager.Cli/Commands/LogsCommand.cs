using ServiceManager.Cli.Completion;
using System.CommandLine;
using System.Text.Json;
using ServiceManager.Cli.Output;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;
using ServiceManager.Text;

namespace ServiceManager.Cli.Commands;

/// <summary><c>svcmgr logs [NAME...] [-n N | --tail N] [-f] [--stream stdout|stderr]</c>.</summary>
internal static class LogsCommand
{
    public static Command Create()
    {
        var names = new Argument<string[]>("NAME") { Description = "Instances (default: all, interleaved)", Arity = ArgumentArity.ZeroOrMore }.CompletesInstanceNames();
        var lines = new Option<int>("--lines", "-n", "--tail") { Description = "Lines of backlog to print", DefaultValueFactory = _ => 50 };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines as they come" };
        var stream = new Option<string?>("--stream") { Description = "Only stdout or stderr" };
        stream.AcceptOnlyFromAmong("stdout", "stderr");
        var command = new Command("logs", "Print recent log lines, and follow them with -f") { names, lines, follow, stream, GlobalOptions.Json };
        command.SetAction((parse, ct) => DaemonCall.RunAsync(GlobalOptions.Paths(parse), async client =>
        {
            var requested = parse.GetValue(names) ?? [];
            var json = parse.GetValue(GlobalOptions.Json);
            var prefix = requested.Length != 1;
            var result = await client.LogsAsync(new LogsParams(requested.Length == 0 ? null : requested, parse.GetValue(lines), parse.GetValue(follow), parse.GetValue(stream)), ct);
            foreach (var line in result.Lines) Print(line, json, prefix);
            if (result.Subscription is null) return ExitCodes.Success;

            await foreach (var notification in client.Notifications.ReadAllAsync(ct))
            {
                if (notification.Method == RpcMethods.LogNotification)
                {
                    var log = notification.Params.Deserialize(ProtocolJsonContext.Default.LogNotification);
                    if (log is not null) Print(log.Line, json, prefix);
                }
                else if (notification.Method == RpcMethods.SubscriptionEnded)
                {
                    var ended = notification.Params.Deserialize(ProtocolJsonContext.Default.SubscriptionEndedNotification);
                    await Console.Error.WriteLineAsync($"svcmgr: the daemon ended the log stream: {ended?.Reason}");
                    return ExitCodes.Failed;
                }
            }

            await Console.Error.WriteLineAsync("svcmgr: the daemon closed the connection");
            return ExitCodes.DaemonUnreachable;
        }, ct));
        return command;
    }

    private static void Print(LogLine line, bool json, bool prefix)
    {
        if (json)
        {
            JsonOutput.Write(line, JsonOutput.Lines.LogLine);
            return;
        }

        var marker = line.Stream == "stderr" ? "err" : "out";
        Console.Out.WriteLine(prefix ? $"{line.Instance} | {HumanText.Timestamp(line.At)} {marker} {line.Text}" : $"{HumanText.Timestamp(line.At)} {marker} {line.Text}");
    }
}
