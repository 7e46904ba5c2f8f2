using ServiceManager.Protocol;
using ServiceManager.Protocol.Client;

namespace ServiceManager.Cli;

/// <summary>Runs one client action against the daemon and turns failures into the spec's exit codes and messages.</summary>
internal static class DaemonCall
{
    public static async Task<int> RunAsync(DaemonPaths paths, Func<DaemonClient, Task<int>> action, CancellationToken ct)
    {
        try
        {
            await using var client = await DaemonClient.ConnectAsync(paths.SocketPath, ct);
            return await action(client);
        }
        catch (DaemonUnreachableException ex)
        {
            await Console.Error.WriteLineAsync($"svcmgr: {ex.Message}");
            return ExitCodes.DaemonUnreachable;
        }
        catch (RpcErrorException ex)
        {
            await Console.Error.WriteLineAsync($"svcmgr: {ex.Message}");
            return ex.Code switch
            {
                RpcErrorCodes.NotFound => ExitCodes.NotFound,
                RpcErrorCodes.ConfigInvalid => ExitCodes.ConfigInvalid,
                RpcErrorCodes.InvalidParams => ExitCodes.Usage,
                _ => ExitCodes.Failed,
            };
        }
    }
}
