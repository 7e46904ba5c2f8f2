using System.Text.Json;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Protocol.Client;

/// <summary>The daemon answered a request with a JSON-RPC error.</summary>
public sealed class RpcErrorException : Exception
{
    public RpcErrorException(int code, string message, JsonElement? data = null) : base(message)
    {
        Code = code;
        ErrorData = data;
    }

    public RpcErrorException() { }

    public RpcErrorException(string message) : base(message) { }

    public RpcErrorException(string message, Exception inner) : base(message, inner) { }

    public int Code { get; }

    /// <summary>The error's <c>data</c>, when it has any (only <see cref="AmbiguousNameData"/> so far).</summary>
    public JsonElement? ErrorData { get; }

    /// <summary>For a name that fits several instances (<c>-32602</c> with <see cref="AmbiguousNameData"/>): them; else null.</summary>
    public IReadOnlyList<string>? Candidates =>
        Code == RpcErrorCodes.InvalidParams && ErrorData is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("candidates"u8, out var candidates) && candidates.ValueKind == JsonValueKind.Array
            ? data.Deserialize(ProtocolJsonContext.Default.AmbiguousNameData)?.Candidates
            : null;
}
