namespace ServiceManager.Protocol.Client;

/// <summary>The daemon answered a request with a JSON-RPC error.</summary>
public sealed class RpcErrorException : Exception
{
    public RpcErrorException(int code, string message) : base(message) => Code = code;

    public RpcErrorException() { }

    public RpcErrorException(string message) : base(message) { }

    public RpcErrorException(string message, Exception inner) : base(message, inner) { }

    public int Code { get; }
}
