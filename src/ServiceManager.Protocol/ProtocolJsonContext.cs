using System.Text.Json;
using System.Text.Json.Serialization;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Protocol;

/// <summary>Source-generated JSON for everything on the wire (the daemon adds what only StreamJsonRpc needs).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(PingResult))]
[JsonSerializable(typeof(InstanceSummary))]
[JsonSerializable(typeof(IReadOnlyList<InstanceSummary>))]
[JsonSerializable(typeof(InstanceDetail))]
[JsonSerializable(typeof(IReadOnlyList<TemplateInfo>))]
[JsonSerializable(typeof(BulkResult))]
[JsonSerializable(typeof(StopWarning))]
[JsonSerializable(typeof(ReloadResult))]
[JsonSerializable(typeof(ScaleParams))]
[JsonSerializable(typeof(ScaleResult))]
[JsonSerializable(typeof(RollingRestartResult))]
[JsonSerializable(typeof(LogsResult))]
[JsonSerializable(typeof(LogNotification))]
[JsonSerializable(typeof(LogLine))]
[JsonSerializable(typeof(SubscriptionEndedNotification))]
[JsonSerializable(typeof(EmptyResult))]
[JsonSerializable(typeof(ListParams))]
[JsonSerializable(typeof(StatusParams))]
[JsonSerializable(typeof(TargetParams))]
[JsonSerializable(typeof(LogsParams))]
[JsonSerializable(typeof(SubscriptionParams))]
[JsonSerializable(typeof(EmptyParams))]
[JsonSerializable(typeof(RunParams))]
[JsonSerializable(typeof(CreateParams))]
[JsonSerializable(typeof(NamesParams))]
[JsonSerializable(typeof(SignalParams))]
[JsonSerializable(typeof(RemoveResult))]
[JsonSerializable(typeof(AmbiguousNameData))]
[JsonSerializable(typeof(IReadOnlyList<PortInfo>))]
[JsonSerializable(typeof(IReadOnlyList<DoctorCheck>))]
[JsonSerializable(typeof(IReadOnlyList<OrphanInfo>))]
[JsonSerializable(typeof(MetricsResult))]
[JsonSerializable(typeof(EventsResult))]
[JsonSerializable(typeof(InspectResult))]
[JsonSerializable(typeof(EventNotification))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Options with the camelCase policy set explicitly: options built around a context do not pick up the
    /// context's naming policy on their own.
    /// </summary>
    public static JsonSerializerOptions CreateOptions() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        TypeInfoResolver = Default,
    };
}
