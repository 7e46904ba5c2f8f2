using ServiceManager.Protocol;
using StreamJsonRpc;

namespace ServiceManager.Daemon.Rpc;

/// <summary>Errors an RPC method throws to answer with one of the wire API's error codes.</summary>
internal static class RpcFailure
{
    public static LocalRpcException NotFound(string message) => Create(RpcErrorCodes.NotFound, message);

    public static LocalRpcException InvalidParams(string message) => Create(RpcErrorCodes.InvalidParams, message);

    public static LocalRpcException ConfigInvalid(string message) => Create(RpcErrorCodes.ConfigInvalid, message);

    public static LocalRpcException PortConflict(string message) => Create(RpcErrorCodes.PortConflict, message);

    public static LocalRpcException SpawnFailed(string message) => Create(RpcErrorCodes.SpawnFailed, message);

    /// <summary>The daemon cannot do it now (it is shutting down).</summary>
    public static LocalRpcException Unavailable(string message) => Create(RpcErrorCodes.InternalError, message);

    /// <summary>A method of the contract whose milestone has not landed: answered like an unknown method.</summary>
    public static LocalRpcException MethodNotBuilt(string method) => Create(RpcErrorCodes.MethodNotFound, $"'{method}' is not available in this version of svcmgr");

    private static LocalRpcException Create(int code, string message) => new(message) { ErrorCode = code };
}
