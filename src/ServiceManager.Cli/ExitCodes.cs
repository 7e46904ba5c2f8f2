using ServiceManager.Protocol;

namespace ServiceManager.Cli;

/// <summary>Exit codes of every command (product spec, section 4), and of the C library's functions.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int DaemonUnreachable = 2;
    public const int ConfigInvalid = 3;
    public const int NotFound = 4;
    public const int Usage = 64;

    /// <summary>What a command exits with when the daemon answers with JSON-RPC error <paramref name="code"/>.</summary>
    public static int ForRpcError(int code) => code switch
    {
        RpcErrorCodes.NotFound => NotFound,
        RpcErrorCodes.ConfigInvalid => ConfigInvalid,
        // Also a name that fits several instances: the message lists them.
        RpcErrorCodes.InvalidParams => Usage,
        _ => Failed,
    };
}
