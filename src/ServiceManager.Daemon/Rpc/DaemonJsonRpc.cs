using ServiceManager.Protocol;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace ServiceManager.Daemon.Rpc;

/// <summary>
/// JsonRpc whose errors carry our codes and a plain message: by default error data holds the daemon's stack
/// traces, which no client needs and which would leak internals.
/// </summary>
internal sealed class DaemonJsonRpc(IJsonRpcMessageHandler handler) : JsonRpc(handler)
{
    protected override JsonRpcError.ErrorDetail CreateErrorDetails(JsonRpcRequest request, Exception exception)
    {
        var code = exception switch
        {
            LocalRpcException local => local.ErrorCode,
            OperationCanceledException => RpcErrorCodes.InternalError,
            _ => RpcErrorCodes.InternalError,
        };
        return new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)code, Message = exception.Message };
    }
}
