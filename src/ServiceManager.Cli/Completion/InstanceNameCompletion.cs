using System.CommandLine;
using System.CommandLine.Completions;
using ServiceManager.Protocol.Client;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Cli.Completion;

/// <summary>Instance ids for the NAME arguments, asked from the daemon while a shell completes (System.CommandLine's
/// <c>[suggest]</c> directive); nothing when no daemon answers. Registering costs a delegate: it runs only then.</summary>
internal static class InstanceNameCompletion
{
    // No daemon fails at once (nothing listens on the socket). This only guards against a daemon that accepted and
    // hangs: no names then, rather than a shell stuck on TAB. It is not a speed target: a loaded machine running the
    // JIT build needs over a second for the whole round trip, start-up included.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static Argument<T> CompletesInstanceNames<T>(this Argument<T> argument)
    {
        argument.CompletionSources.Add(Ids);
        return argument;
    }

    private static IEnumerable<CompletionItem> Ids(CompletionContext context)
    {
        var paths = GlobalOptions.Paths(context.ParseResult);
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            return Task.Run(async () =>
            {
                await using var client = await DaemonClient.ConnectAsync(paths.SocketPath, timeout.Token);
                var instances = await client.ListAsync(new ListParams(), timeout.Token);
                return instances
                    .Select(i => i.Id)
                    .Where(id => id.StartsWith(context.WordToComplete, StringComparison.Ordinal))
                    .Select(id => new CompletionItem(id))
                    .ToList();
            }, timeout.Token).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is DaemonUnreachableException or RpcErrorException or OperationCanceledException or IOException)
        {
            return [];
        }
    }
}
