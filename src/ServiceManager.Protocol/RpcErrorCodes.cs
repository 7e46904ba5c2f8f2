namespace ServiceManager.Protocol;

/// <summary>JSON-RPC error codes of the wire API (product spec, section 5).</summary>
public static class RpcErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int NotFound = -32001;
    public const int PortConflict = -32002;
    public const int ConfigInvalid = -32003;
    public const int SpawnFailed = -32006;
}
