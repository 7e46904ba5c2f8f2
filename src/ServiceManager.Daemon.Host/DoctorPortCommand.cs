using System.CommandLine;
using System.Net.Sockets;
using System.Text;
using ServiceManager.Cli;
using ServiceManager.Daemon.Host.Doctor;
using ServiceManager.Cli.Output;
using ServiceManager.Platform.Unix;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Client;
using ServiceManager.Text;

namespace ServiceManager.Daemon.Host;

/// <summary>
/// <c>svcmgr doctor port N</c>: whatever process listens on TCP port N, svcmgr's or not, with its pid and command
/// line. The sockets are read here from /proc, so it works without a daemon; one that answers names the instances.
/// </summary>
internal static class DoctorPortCommand
{
    public static Command Create()
    {
        var port = new Argument<int>("PORT") { Description = "A TCP port, 1-65535" };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 65535) result.AddError("PORT must be from 1 to 65535");
        });
        var command = new Command("port", "Name the process that listens on a TCP port (svcmgr's or not), with its pid and command line")
        {
            port, GlobalOptions.Json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var number = parse.GetValue(port);
            var sockets = ProcNetTcp.ListeningSockets(new HashSet<int> { number });
            await using var probe = await DaemonProbe.RunAsync(GlobalOptions.Paths(parse).SocketPath, ct);
            var instances = new Dictionary<int, string?>();
            foreach (var pid in sockets.Select(s => s.Pid).OfType<int>().Distinct())
                instances[pid] = probe.Client is { } client ? await InstanceOfAsync(client, $"pid:{HumanText.Number(pid)}", ct) : null;
            var rows = sockets
                .OrderBy(s => s.Pid ?? int.MaxValue).ThenBy(s => s.Address.AddressFamily == AddressFamily.InterNetworkV6)
                .Select(s => new PortHolder(s.Port, s.Address.ToString(), s.Pid, s.Uid, s.Command, s.Pid is { } p ? instances[p] : null))
                .ToList();

            if (parse.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Write<IReadOnlyList<PortHolder>>(rows, DoctorJsonContext.Document.IReadOnlyListPortHolder);
                return ExitCodes.Success;
            }

            // Nothing listens: the instance the port belongs to, if any, is still worth naming.
            var owner = rows.Count == 0 && probe.Client is { } c ? await InstanceOfAsync(c, $":{HumanText.Number(number)}", ct) : null;
            Console.Out.Write(Render(number, rows, owner, daemonAnswered: probe.Client is not null));
            return ExitCodes.Success;
        });
        return command;
    }

    public static string Render(int port, IReadOnlyList<PortHolder> rows, string? owner, bool daemonAnswered)
    {
        var text = new StringBuilder();
        if (rows.Count == 0)
        {
            text.Append($"nothing listens on TCP port {HumanText.Number(port)} (IPv4 or IPv6, any address)");
            if (owner is not null) text.Append($"; it is the port of instance {owner}");
            return text.Append('\n').ToString();
        }

        var table = new TableWriter("PORT", "ADDRESS", "PID", "UID", "INSTANCE", "PROCESS");
        foreach (var r in rows)
            table.Add(HumanText.Number(r.Port), r.Address, HumanText.Number(r.Pid), HumanText.Number(r.Uid),
                r.Instance ?? HumanText.None, r.Command ?? (r.Pid is null ? "(not visible here: another user's process, or another PID namespace's)" : HumanText.None));
        text.Append(table.Render());
        if (!daemonAnswered) text.Append("\nINSTANCE: no daemon answers, so no instance was looked up\n");
        return text.ToString();
    }

    /// <summary>The instance the daemon resolves <paramref name="name"/> to; null when none (or several).</summary>
    private static async Task<string?> InstanceOfAsync(DaemonClient client, string name, CancellationToken ct)
    {
        try
        {
            return (await client.StatusAsync(name, ct)).Id;
        }
        catch (RpcErrorException ex) when (ex.Code is RpcErrorCodes.NotFound || ex.Candidates is not null)
        {
            return ex.Candidates is { } several ? string.Join(" or ", several) : null;
        }
    }
}
