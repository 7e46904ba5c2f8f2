using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace ServiceManager.Web.Dashboard;

/// <summary>
/// The dashboard's files, compiled into the executable (EmbeddedResource <c>wwwroot/…</c>) and served from memory:
/// nothing to install beside the binary and nothing from a CDN (the machines may have no internet).
/// </summary>
internal static class Assets
{
    private static readonly FrozenDictionary<string, string> Types = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".json"] = "application/json; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, byte[]> Files = Load();

    /// <summary>The files under <c>Dashboard/wwwroot</c>, by name (<c>index.html</c>, <c>app.js</c>).</summary>
    public static IEnumerable<string> Names => Files.Keys;

    public static bool Exists(string name) => Files.ContainsKey(name);

    public static Task WriteAsync(HttpContext context, string name, int status = StatusCodes.Status200OK)
    {
        var bytes = Files[name];
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = Types.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
        response.ContentLength = bytes.Length;
        // Small files served from memory: always fresh after an upgrade is worth more than a cache hit.
        response.Headers.CacheControl = "no-cache";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    /// <summary>An embedded resource outside wwwroot (the OpenAPI document).</summary>
    public static byte[] Resource(string logicalName)
    {
        using var stream = typeof(Assets).Assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"resource {logicalName} is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static FrozenDictionary<string, byte[]> Load()
    {
        const string prefix = "wwwroot/";
        return typeof(Assets).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => n[prefix.Length..], Resource, StringComparer.Ordinal);
    }
}
