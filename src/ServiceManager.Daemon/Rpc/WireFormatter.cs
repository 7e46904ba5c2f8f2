using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ServiceManager.Protocol;
using StreamJsonRpc;

namespace ServiceManager.Daemon.Rpc;

/// <summary>The one place that builds StreamJsonRpc's formatter.</summary>
internal static class WireFormatter
{
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Every wire type comes from the source-generated ProtocolJsonContext.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Every wire type comes from the source-generated ProtocolJsonContext.")]
    public static SystemTextJsonFormatter Create() => new() { JsonSerializerOptions = CreateOptions() };

    /// <summary>
    /// The wire's options, reading params strictly: a property the method's params record does not have, or a missing
    /// one its constructor requires, fails the call with <c>-32602</c> (<see cref="RpcErrors"/>) as StreamJsonRpc's own
    /// binding of named arguments did. The daemon reads nothing else through these options.
    /// </summary>
    internal static JsonSerializerOptions CreateOptions()
    {
        var options = ProtocolJsonContext.CreateOptions();
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine(ProtocolJsonContext.Default, ErrorDataJsonContext.Default);
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectRequiredConstructorParameters = true;
        return options;
    }
}
