using System.Text.Json.Serialization;

namespace ServiceManager.Protocol.Messages;

/// <summary>Params of <c>status</c> and <c>inspect</c>: <paramref name="ShowEnv"/> asks for the environment's values, hidden otherwise.</summary>
public sealed record StatusParams(
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool ShowEnv = false);
