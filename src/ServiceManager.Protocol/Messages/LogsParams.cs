using System.Text.Json.Serialization;

namespace ServiceManager.Protocol.Messages;

/// <summary>Params of <c>logs</c>. No names means every instance; <c>stream</c> is "stdout" or "stderr".</summary>
public sealed record LogsParams(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Names = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Lines = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Follow = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Stream = null);
