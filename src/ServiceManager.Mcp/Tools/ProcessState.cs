using System.Text.Json.Serialization;

namespace ServiceManager.Mcp.Tools;

/// <summary>Instance states (product spec, section 3); an enum so the <c>list_processes</c> schema lists them.</summary>
public enum ProcessState
{
    [JsonStringEnumMemberName("stopped")] Stopped,
    [JsonStringEnumMemberName("starting")] Starting,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("stopping")] Stopping,
    [JsonStringEnumMemberName("restarting")] Restarting,
    [JsonStringEnumMemberName("failed")] Failed,
}
