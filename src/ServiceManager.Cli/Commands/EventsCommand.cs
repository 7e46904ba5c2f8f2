using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ServiceManager.Cli.Output;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;
using ServiceManager.Text;

namespace ServiceManager.Cli.Commands;

/// <summary><c>svcmgr events [--json]</c>: follows the daemon's events until Ctrl-C.</summary>
internal static class EventsCommand
{
    public static Command Create()
    {
        var command = new Command("events", "Follow state changes, metrics updates and reloads as they happen") { GlobalOptions.Json };
        command.SetAction((parse, ct) => DaemonCall.RunAsync(GlobalOptions.Paths(parse), async client =>
        {
            var json = parse.GetValue(GlobalOptions.Json);
            await client.EventsAsync(ct);
            await foreach (var notification in client.Notifications.ReadAllAsync(ct))
            {
                if (notification.Method == RpcMethods.EventNotification)
                {
                    var e = notification.Params.Deserialize(ProtocolJsonContext.Default.EventNotification);
                    if (e is null) continue;
                    if (json) JsonOutput.Write(e, JsonOutput.Lines.EventNotification);
                    else Console.Out.WriteLine(Render(e));
                }
                else if (notification.Method == RpcMethods.SubscriptionEnded)
                {
                    var ended = notification.Params.Deserialize(ProtocolJsonContext.Default.SubscriptionEndedNotification);
                    await Console.Error.WriteLineAsync($"svcmgr: the daemon ended the event stream: {ended?.Reason}");
                    return ExitCodes.Failed;
                }
            }

            await Console.Error.WriteLineAsync("svcmgr: the daemon closed the connection");
            return ExitCodes.DaemonUnreachable;
        }, ct));
        return command;
    }

    public static string Render(EventNotification e)
    {
        var detail = e.Type switch
        {
            EventTypes.StateChanged => $"{e.Instance}  {e.From} -> {e.To}  {e.Reason}{StderrTail(e)}",
            EventTypes.HealthChanged => $"{e.Instance}  {e.From} -> {e.To}  {e.Reason}",
            EventTypes.LogRotated => $"{e.Instance}  {e.File} -> {e.RotatedTo ?? "(dropped)"}",
            EventTypes.MetricsUpdated => MetricsLine(e),
            EventTypes.ConfigReloaded =>
                $"added: {List(e.Added)}; removed: {List(e.Removed)}; changed: {List(e.Changed)}",
            _ => e.Instance ?? "",
        };
        return $"{HumanText.Timestamp(e.At)}  {e.Type}  {detail}";
    }

    private static string MetricsLine(EventNotification e)
    {
        var system = e.System is { } s
            ? $"system cpu {HumanText.Percent(s.CpuPercent)}, load {s.LoadAverage1.ToString("0.00", CultureInfo.InvariantCulture)}, memory {HumanText.Bytes(s.MemoryUsedBytes)}"
            : "system -";
        var instances = e.Instances is { Count: > 0 } list
            ? string.Join(", ", list.Select(i => $"{i.Id} {HumanText.Percent(i.CpuPercent)} {HumanText.Bytes(i.MemoryBytes)}"))
            : "no running instances";
        return $"{system}; {instances}";
    }

    /// <summary>A crash's last stderr lines under its event, indented, so the reason is on screen with the crash.</summary>
    private static string StderrTail(EventNotification e) =>
        e.StderrTail is { Count: > 0 } lines ? string.Concat(lines.Select(line => $"{Environment.NewLine}    stderr| {line}")) : "";

    private static string List(IReadOnlyList<string>? ids) => ids is { Count: > 0 } ? string.Join(", ", ids) : HumanText.None;
}
