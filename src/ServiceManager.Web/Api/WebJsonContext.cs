using System.Text.Json.Serialization;

namespace ServiceManager.Web.Api;

/// <summary>
/// Source-generated JSON for what only the web front end sends or reads, camelCase like the socket's. Request bodies
/// are read strictly: an unknown member, a missing required one, a null where none is allowed or a wrong type is
/// a 400, not something silently ignored.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(UnavailableResponse))]
[JsonSerializable(typeof(CreateBody))]
[JsonSerializable(typeof(RunBody))]
[JsonSerializable(typeof(EmptyBody))]
internal sealed partial class WebJsonContext : JsonSerializerContext;
