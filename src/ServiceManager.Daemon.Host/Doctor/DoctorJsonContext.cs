using System.Text.Json.Serialization;
using ServiceManager.Cli.Output;

namespace ServiceManager.Daemon.Host.Doctor;

/// <summary>Source-generated JSON for what <c>doctor port</c> prints that is not a wire type, with the options of
/// <see cref="JsonOutput"/>.</summary>
[JsonSerializable(typeof(IReadOnlyList<PortHolder>))]
internal sealed partial class DoctorJsonContext : JsonSerializerContext
{
    public static DoctorJsonContext Document { get; } = new(JsonOutput.Options(indented: true));
}
