using System.Text.Json.Serialization;

namespace ServiceManager.Protocol.Messages;

/// <summary>Params of <c>create</c>: a new instance of a template at run time.</summary>
public sealed record CreateParams(
    string Template,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Port = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Start = false);
