using ServiceManager.Protocol;
using ServiceManager.Protocol.Client;

namespace ServiceManager.Cli;

/// <summary>Runs one client action against the daemon and turns failures into the spec's exit codes and messages.</summary>
internal static class DaemonCall
{
    /// <param name="startDaemon">Start the daemon when none answers (<see cref="DaemonAutoStart"/>).</param>
    public static async Task<int> RunAsync(DaemonPaths paths, Func<DaemonClient, Task<int>> action, CancellationToken ct, bool startDaemon = false)
    {
        try
        {
            await using var client = await ConnectAsync(paths, startDaemon, ct);
            return await action(client);
        }
        catch (DaemonStartException ex)
        {
            await Console.Error.WriteLineAsync($"svcmgr: {ex.Message}");
            return ex.ExitCode == ExitCodes.ConfigInvalid ? ExitCodes.ConfigInvalid : ExitCodes.DaemonUnreachable;
        }
        catch (DaemonUnreachableException ex)
        {
            await Console.Error.WriteLineAsync($"svcmgr: {ex.Message}");
            return ExitCodes.DaemonUnreachable;
        }
        catch (RpcErrorException ex)
        {
            await Console.Error.WriteLineAsync($"svcmgr: {ex.Message}");
            return ExitCodes.ForRpcError(ex.Code);
        }
    }

    private static async Task<DaemonClient> ConnectAsync(DaemonPaths paths, bool startDaemon, CancellationToken ct)
    {
        try
        {
            return await DaemonClient.ConnectAsync(paths.SocketPath, ct);
        }
        catch (DaemonUnreachableException) when (startDaemon)
        {
            await DaemonAutoStart.StartAsync(paths, ct);
            return await DaemonClient.ConnectAsync(paths.SocketPath, ct);
        }
    }
}
