using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using ServiceManager.Protocol;

namespace ServiceManager.Daemon.Rpc;

/// <summary>
/// Looks at each line before StreamJsonRpc does. The library closes the connection without a reply on a line that
/// is not a JSON object, is a batch, or has params of the wrong kind; the wire contract wants an error response and
/// a connection that keeps working, so such lines are answered here and never forwarded.
/// </summary>
internal static class RequestScreen
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow };

    public static ScreenVerdict Examine(ReadOnlySequence<byte> line)
    {
        if (IsBlank(line)) return ScreenVerdict.Ignore;

        // The JSON reader does not check the bytes inside strings, and StreamJsonRpc stalls the connection on a
        // message that is not UTF-8: refuse it here.
        if (!Utf8.IsValid(line.IsSingleSegment ? line.FirstSpan : line.ToArray()))
            return ScreenVerdict.Reply(ErrorLines.Create(RpcErrorCodes.ParseError, "parse error: the line is not valid UTF-8", null));

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, Options);
        }
        catch (JsonException ex)
        {
            return ScreenVerdict.Reply(ErrorLines.Create(RpcErrorCodes.ParseError, "parse error: " + FirstSentence(ex.Message), null));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
                return ScreenVerdict.Reply(ErrorLines.Create(RpcErrorCodes.InvalidRequest, "invalid request: batches are not supported", null));
            if (root.ValueKind != JsonValueKind.Object)
                return ScreenVerdict.Reply(ErrorLines.Create(RpcErrorCodes.InvalidRequest, "invalid request: a request must be a JSON object", null));

            var hasId = root.TryGetProperty("id"u8, out var id);
            // StreamJsonRpc keeps an id as a long or a string: a fraction, an exponent or a number past 64 bits
            // made it stall the whole connection without a reply, so such ids never reach it.
            if (hasId && !(id.ValueKind is JsonValueKind.String or JsonValueKind.Null || (id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out _))))
                return ScreenVerdict.Reply(ErrorLines.Create(RpcErrorCodes.InvalidRequest, "invalid request: id must be an integer or a string", null));
            JsonElement? replyId = hasId && id.ValueKind != JsonValueKind.Null ? id.Clone() : null;

            string? problem = null;
            var code = RpcErrorCodes.InvalidRequest;
            // ValueEquals throws on anything but a string ("jsonrpc": 2 closed the connection): check the kind first.
            if (!root.TryGetProperty("jsonrpc"u8, out var version) || version.ValueKind != JsonValueKind.String || !version.ValueEquals("2.0"u8))
                problem = "invalid request: \"jsonrpc\" must be \"2.0\"";
            else if (!root.TryGetProperty("method"u8, out var method) || method.ValueKind != JsonValueKind.String)
                problem = "invalid request: \"method\" must be a string";
            else if (root.TryGetProperty("params"u8, out var parameters)
                     && parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null))
            {
                problem = "invalid params: \"params\" must be an object";
                code = RpcErrorCodes.InvalidParams;
            }
            else if (root.TryGetProperty("result"u8, out _) || root.TryGetProperty("error"u8, out _))
                problem = "invalid request: the daemon does not accept responses";

            if (problem is null) return ScreenVerdict.Forward(expectsResponse: replyId is not null);
            // A malformed notification (no id) gets no reply, as JSON-RPC 2.0 says.
            return hasId ? ScreenVerdict.Reply(ErrorLines.Create(code, problem, replyId)) : ScreenVerdict.Ignore;
        }
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
            foreach (var b in segment.Span)
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r')) return false;
        return true;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
