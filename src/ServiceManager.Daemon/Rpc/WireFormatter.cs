using System.Diagnostics.CodeAnalysis;
using ServiceManager.Protocol;
using StreamJsonRpc;

namespace ServiceManager.Daemon.Rpc;

/// <summary>The one place that builds StreamJsonRpc's formatter.</summary>
internal static class WireFormatter
{
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Every wire type comes from the source-generated ProtocolJsonContext.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Every wire type comes from the source-generated ProtocolJsonContext.")]
    public static SystemTextJsonFormatter Create() =>
        new() { JsonSerializerOptions = ProtocolJsonContext.CreateOptions() };
}
