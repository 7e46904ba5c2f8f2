using System.Text.Json.Serialization;
using StreamJsonRpc.Protocol;

namespace ServiceManager.Daemon.Rpc;

/// <summary>
/// What only StreamJsonRpc writes. <see cref="CommonErrorData"/> must be here: without it the SystemTextJsonFormatter
/// drops the connection instead of sending an error that carries data.
/// </summary>
[JsonSerializable(typeof(CommonErrorData))]
internal sealed partial class ErrorDataJsonContext : JsonSerializerContext;
