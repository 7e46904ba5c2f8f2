using System.Text.Json.Serialization;

namespace ServiceManager.Protocol.Messages;

/// <summary>Params of <c>run</c>: an ad-hoc command to manage as a new instance (pm2-style <c>start -- CMD</c>).</summary>
/// <param name="Cwd">Absolute working directory (the CLI sends its own when not given).</param>
/// <param name="EnvFile">Absolute path of a KEY=VALUE file read by the daemon at each start.</param>
public sealed record RunParams(
    IReadOnlyList<string> Command,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Port = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Cwd = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Env = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EnvFile = null);
