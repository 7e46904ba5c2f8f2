using System.Text.Json.Serialization;

namespace ServiceManager.Mcp.Tools;

/// <summary>Which output of a process to read; an enum so the tool's schema lists the values.</summary>
public enum LogStream
{
    [JsonStringEnumMemberName("stdout")] Stdout,
    [JsonStringEnumMemberName("stderr")] Stderr,
}
