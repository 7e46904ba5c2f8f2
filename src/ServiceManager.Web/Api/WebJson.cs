using System.Text.Encodings.Web;
using System.Text.Json;
using ServiceManager.Protocol;

namespace ServiceManager.Web.Api;

/// <summary>
/// The JSON contexts answers are written with: the socket's records as the daemon sends them (camelCase), but
/// without escaping quotes and angle brackets into <c>\u0027</c>: these are <c>application/json</c> answers
/// (with <c>nosniff</c>), never pasted into HTML, and people read the messages.
/// </summary>
internal static class WebJson
{
    public static ProtocolJsonContext Protocol { get; } = new(Relaxed(ProtocolJsonContext.Default.Options));

    public static WebJsonContext Web { get; } = new(Relaxed(WebJsonContext.Default.Options));

    private static JsonSerializerOptions Relaxed(JsonSerializerOptions template) =>
        new(template) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, TypeInfoResolver = null };
}
