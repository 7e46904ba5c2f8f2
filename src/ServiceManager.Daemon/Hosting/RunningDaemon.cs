using ServiceManager.Protocol.Client;

namespace ServiceManager.Daemon.Hosting;

/// <summary>Asks a daemon that already runs who it is, for a helpful "already running" message.</summary>
internal static class RunningDaemon
{
    public static async Task<int?> PidAsync(string socketPath)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await using var client = await DaemonClient.ConnectAsync(socketPath, timeout.Token);
            return (await client.PingAsync(timeout.Token)).Pid;
        }
        catch (Exception ex) when (ex is DaemonUnreachableException or RpcErrorException or OperationCanceledException)
        {
            return null;
        }
    }
}
