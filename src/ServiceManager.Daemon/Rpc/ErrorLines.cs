using System.Buffers;
using System.Text.Json;

namespace ServiceManager.Daemon.Rpc;

/// <summary>Builds complete JSON-RPC error response lines for messages that never reach StreamJsonRpc.</summary>
internal static class ErrorLines
{
    /// <param name="id">The request's id as raw JSON (a number or a string), or null for <c>"id": null</c>.</param>
    public static byte[] Create(int code, string message, JsonElement? id)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc"u8, "2.0"u8);
            writer.WritePropertyName("id"u8);
            if (id is { } value) value.WriteTo(writer);
            else writer.WriteNullValue();
            writer.WriteStartObject("error"u8);
            writer.WriteNumber("code"u8, code);
            writer.WriteString("message"u8, message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
