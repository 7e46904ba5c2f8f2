using ModelContextProtocol.Protocol;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Client;

namespace ServiceManager.Mcp.Tools;

/// <summary>
/// Runs a tool body and turns every failure into a tool error whose text tells the model what happened and what to
/// do next. Nothing a tool does may take the server down.
/// </summary>
internal static class ToolRun
{
    public static async Task<CallToolResult> RunAsync(
        DaemonGateway gateway, Func<CancellationToken, Task<CallToolResult>> body, CancellationToken ct, Func<RpcErrorException, string?>? hint = null)
    {
        try
        {
            return await body(ct);
        }
        catch (ToolInputException ex)
        {
            return ToolResults.Error(ex.Message);
        }
        catch (RpcErrorException ex)
        {
            var text = Describe(ex);
            return ToolResults.Error(hint?.Invoke(ex) is { } extra ? $"{text}\n{extra}" : text);
        }
        catch (DaemonUnreachableException ex)
        {
            return ToolResults.Error(NotRunning(gateway, ex));
        }
        catch (DaemonStartException ex)
        {
            return ToolResults.Error($"The svcmgr daemon is not running and starting it failed: {ex.Message}\n" +
                                     "Start it yourself with `svcmgr daemon` and call this tool again.");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A bug in one call must become that call's error, not end the session.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ToolResults.Error($"svcmgr mcp failed unexpectedly ({ex.GetType().Name}): {ex.Message}");
        }
    }

    private static string Describe(RpcErrorException ex) => ex.Code switch
    {
        // The daemon's own messages already name what is wrong and list what is known.
        RpcErrorCodes.NotFound => ex.Message,
        RpcErrorCodes.MethodNotFound =>
            $"The running svcmgr daemon cannot do this: {ex.Message}. It is older than this svcmgr, or the feature is not built yet; " +
            "after upgrading, restart the daemon (stop it, then `svcmgr daemon`).",
        RpcErrorCodes.InvalidParams => $"Invalid arguments: {ex.Message}",
        RpcErrorCodes.SpawnFailed => $"The process could not be started: {ex.Message}",
        RpcErrorCodes.PortConflict => $"Port conflict: {ex.Message}",
        RpcErrorCodes.ConfigInvalid => $"The svcmgr config is invalid: {ex.Message}",
        _ => $"The svcmgr daemon reported an error ({ex.Code}): {ex.Message}",
    };

    private static string NotRunning(DaemonGateway gateway, DaemonUnreachableException ex)
    {
        var socket = ex.SocketPath ?? gateway.Paths.SocketPath;
        return gateway.StartsDaemon
            ? $"The svcmgr daemon went away ({ex.Message}). Call this tool again to start a new one."
            : $"The svcmgr daemon is not running (nothing answers on {socket}). " +
              "Start it with `svcmgr daemon` (in a terminal or as a user service), or register this MCP server as " +
              "`svcmgr mcp --start-daemon` so it starts the daemon when needed; then call this tool again.";
    }
}
