using System.Text.Json.Serialization;

namespace ServiceManager.Protocol.Messages;

/// <summary>Params of <c>start</c>/<c>stop</c>/<c>restart</c>: some names, or all instances.</summary>
public sealed record TargetParams(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Names = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool All = false);
