using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace ServiceManager.Web.Api;

/// <summary>
/// Reads request bodies: at most <see cref="MaxBytes"/> (413 beyond), JSON objects only, into a record through its
/// strict <see cref="WebJsonContext"/> type. Malformed JSON and a body of the wrong shape are 400s that say where.
/// </summary>
internal static class JsonBody
{
    /// <summary>1 MiB: far more than any request needs; Kestrel enforces it too.</summary>
    public const long MaxBytes = 1024 * 1024;

    /// <summary>The body as one JSON object; null when the request has no body.</summary>
    public static async Task<JsonElement?> ReadObjectAsync(HttpContext context)
    {
        var bytes = await ReadBytesAsync(context);
        if (bytes.Length == 0) return null;
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw ApiErrors.Malformed($"the body is not valid JSON: {Sentence(ex)}");
        }

        if (root.ValueKind != JsonValueKind.Object)
            throw ApiErrors.BadRequest($"the body must be a JSON object, not {Kind(root)}");
        return root;
    }

    /// <summary>Binds an object read by <see cref="ReadObjectAsync"/> to <paramref name="type"/>.</summary>
    public static T Bind<T>(JsonElement body, JsonTypeInfo<T> type)
    {
        try
        {
            return body.Deserialize(type) ?? throw ApiErrors.BadRequest("the body must be a JSON object");
        }
        catch (JsonException ex)
        {
            throw ApiErrors.BadRequest($"invalid body: {Explain(ex, type)}");
        }
    }

    /// <summary>The serializer's words where they help, ours where they name .NET types.</summary>
    private static string Explain(JsonException ex, JsonTypeInfo type)
    {
        var member = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        var members = string.Join(", ", type.Properties.Select(p => p.Name));
        if (ex.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            return $"unknown member '{member}' (expected: {members})";
        if (member is not null && ex.Message.Contains("could not be converted", StringComparison.Ordinal))
            return $"'{member}' has the wrong type";
        const string missing = "missing required properties including: ";
        if (ex.Message.IndexOf(missing, StringComparison.Ordinal) is var at and >= 0)
            return $"missing {ex.Message[(at + missing.Length)..].Split('.')[0]} (members: {members})";
        if (ex.Message.Contains("doesn't allow null values", StringComparison.Ordinal))
            return member is null ? "a member that must not be null is null" : $"'{member}' must not be null";
        return member is null ? Sentence(ex) : $"{Sentence(ex)} (at {member})";
    }

    /// <summary>For mutations that take no parameters: no body, or <c>{}</c>.</summary>
    public static async Task ReadEmptyAsync(HttpContext context)
    {
        if (await ReadObjectAsync(context) is { } body) Bind(body, WebJsonContext.Default.EmptyBody);
    }

    private static async Task<byte[]> ReadBytesAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBytes) throw TooLarge();
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > MaxBytes) throw TooLarge();
                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge();
        }
    }

    private static ApiException TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, ServiceManager.Protocol.RpcErrorCodes.InvalidRequest, $"the body is larger than {MaxBytes / 1024} KiB");

    /// <summary>The serializer's sentence without the line/byte position and the namespace of our records.</summary>
    private static string Sentence(JsonException ex)
    {
        var message = ex.Message.Replace(typeof(JsonBody).Namespace + ".", "", StringComparison.Ordinal);
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
