using System.Text.Json.Serialization;

namespace ServiceManager.Protocol.Messages;

/// <summary>One running instance in <c>metrics</c>, summed over its process group and session.</summary>
/// <param name="CpuPercent">Per core, like <c>top</c> (a multi-threaded instance can exceed 100); null on the first
/// sample after a start.</param>
/// <param name="MemoryBytes">Resident set of all its processes added up.</param>
/// <param name="Processes">Live processes in the group.</param>
public sealed record InstanceMetricsInfo(
    string Id,
    int NumericId,
    double? CpuPercent,
    long MemoryBytes,
    int Threads,
    int OpenFds,
    long UptimeMs,
    int Processes,
    [property: JsonConverter(typeof(UtcTimestampConverter))] DateTimeOffset At);
