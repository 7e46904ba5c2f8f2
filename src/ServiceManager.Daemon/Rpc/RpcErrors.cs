using System.Text.Json;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;
using ServiceManager.Supervision;
using StreamJsonRpc.Protocol;

namespace ServiceManager.Daemon.Rpc;

/// <summary>
/// The one place where an exception out of a method becomes a JSON-RPC error: a code from <see cref="RpcErrorCodes"/>
/// and a plain message. The methods and the coordinator throw <see cref="FleetException"/>s and know nothing of codes.
/// </summary>
internal static class RpcErrors
{
    public static JsonRpcError.ErrorDetail Describe(Exception exception) => exception switch
    {
        // The candidates go along as data, for a client that wants to offer them as choices.
        AmbiguousNameException ambiguous => Error(CodeOf(ambiguous.Kind), ambiguous.Message, new AmbiguousNameData(ambiguous.Candidates)),
        FleetException failure => Error(CodeOf(failure.Kind), failure.Message),
        // Only the request's params are deserialized on the way in (one record per method): anything that does not
        // fit it — a wrong type, an unknown or a missing required property — is the caller's mistake.
        JsonException json => Error(RpcErrorCodes.InvalidParams, InvalidParams(json)),
        _ => Error(RpcErrorCodes.InternalError, exception.Message),
    };

    public static int CodeOf(FleetErrorKind kind) => kind switch
    {
        FleetErrorKind.InvalidRequest => RpcErrorCodes.InvalidParams,
        FleetErrorKind.NotFound => RpcErrorCodes.NotFound,
        // A usage error like any other wrong name, told apart by its data (AmbiguousNameData).
        FleetErrorKind.Ambiguous => RpcErrorCodes.InvalidParams,
        FleetErrorKind.PortConflict => RpcErrorCodes.PortConflict,
        FleetErrorKind.ConfigInvalid => RpcErrorCodes.ConfigInvalid,
        FleetErrorKind.SpawnFailed => RpcErrorCodes.SpawnFailed,
        // Shutting down: nothing more specific on the wire.
        FleetErrorKind.Unavailable => RpcErrorCodes.InternalError,
        _ => RpcErrorCodes.InternalError,
    };

    private static JsonRpcError.ErrorDetail Error(int code, string message, object? data = null) =>
        new() { Code = (JsonRpcErrorCode)code, Message = message, Data = data };

    /// <summary>Whether <paramref name="data"/> is error data of ours, which goes on the wire (the library's does not).</summary>
    public static bool IsOwnData(object? data) => data is AmbiguousNameData;

    /// <summary>The serializer's sentence without its line and byte position (the request is one line) or the
    /// namespace of our records, plus where in the params it went wrong.</summary>
    private static string InvalidParams(JsonException json)
    {
        var message = json.Message.Replace(MessagesNamespace, "", StringComparison.Ordinal);
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        return json.Path is { Length: > 1 } path ? $"invalid params: {message} (at {path})" : $"invalid params: {message}";
    }

    private static readonly string MessagesNamespace = typeof(EmptyParams).Namespace + ".";
}
