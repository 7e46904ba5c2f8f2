using System.Text.Json;

namespace ServiceManager.Protocol.Client;

/// <summary>A notification from the daemon; <see cref="Params"/> is detached from the line it came in.</summary>
public sealed record RpcNotification(string Method, JsonElement Params);
