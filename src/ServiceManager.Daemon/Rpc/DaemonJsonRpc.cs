using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace ServiceManager.Daemon.Rpc;

/// <summary>
/// JsonRpc whose errors carry our codes and a plain message (<see cref="RpcErrors"/>): by default error data holds the
/// daemon's exception chains and stack traces, which no client needs and which would leak internals.
/// </summary>
internal sealed class DaemonJsonRpc(IJsonRpcMessageHandler handler) : JsonRpc(handler)
{
    protected override JsonRpcError.ErrorDetail CreateErrorDetails(JsonRpcRequest request, Exception exception) =>
        RpcErrors.Describe(exception);

    /// <summary>
    /// Errors the library makes itself (a param that does not bind, an unknown method) bypass
    /// <see cref="CreateErrorDetails"/>; their data is dropped here, on the way out. Data of ours
    /// (<see cref="RpcErrors.IsOwnData"/>) stays.
    /// </summary>
    protected override ValueTask SendAsync(JsonRpcMessage message, CancellationToken cancellationToken)
    {
        if (message is JsonRpcError { Error: { Data: not null } detail } && !RpcErrors.IsOwnData(detail.Data)) detail.Data = null;
        return base.SendAsync(message, cancellationToken);
    }
}
