using System.Text.Json.Serialization;
using ServiceManager.Cli.Output;

namespace ServiceManager.Daemon.Host.Validate;

/// <summary>Source-generated JSON for <c>validate --json</c>, with the options of <see cref="JsonOutput"/>.</summary>
[JsonSerializable(typeof(ValidationReport))]
internal sealed partial class ValidateJsonContext : JsonSerializerContext
{
    public static ValidateJsonContext Document { get; } = new(JsonOutput.Options(indented: true));
}
