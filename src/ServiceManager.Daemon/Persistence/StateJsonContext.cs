using System.Text.Json.Serialization;

namespace ServiceManager.Daemon.Persistence;

/// <summary>Source-generated JSON for <c>state.json</c> (no reflection: the daemon is compiled with NativeAOT).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(StateDocument))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
