using System.Text.Json.Serialization;
using ServiceManager.Cli.Doctor;

namespace ServiceManager.Cli.Output;

/// <summary>Source-generated JSON for what the CLI prints that is not a wire type (<see cref="JsonOutput.Cli"/>).</summary>
[JsonSerializable(typeof(IReadOnlyList<PortHolder>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
