using System.Text.Json.Serialization;

namespace ServiceManager.Protocol.Messages;

/// <summary>Result of <c>metrics</c>: the latest sampling cycle.</summary>
/// <param name="At">When the cycle ran; null (with <paramref name="System"/>) before the daemon's first cycle.</param>
/// <param name="Instances">Running instances that have a sample, in numeric-id order.</param>
public sealed record MetricsResult(
    [property: JsonConverter(typeof(NullableUtcTimestampConverter))] DateTimeOffset? At,
    SystemMetricsInfo? System,
    IReadOnlyList<InstanceMetricsInfo> Instances);
