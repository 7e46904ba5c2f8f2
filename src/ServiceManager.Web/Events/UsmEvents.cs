using System.Buffers;
using System.Text.Json;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Web.Events;

/// <summary>
/// Turns the daemon's <c>event</c> notifications into the USM seed's WebSocket events, one JSON text frame each,
/// with its names and snake_case fields: <c>status_changed {instance_id, status, pid}</c>,
/// <c>health_changed {instance_id, healthy}</c>, <c>metrics_updated {instance_id, cpu, memory_mb}</c> (one per
/// instance per cycle). A few more fields ride along (<c>previous_status</c>, <c>reason</c>, <c>at</c>, and a crash's
/// <c>exit_code</c>, <c>signal</c> and <c>stderr_tail</c>); <c>config_reloaded</c> is passed on too.
/// </summary>
internal static class UsmEvents
{
    public const string StatusChanged = "status_changed";
    public const string HealthChanged = "health_changed";
    public const string MetricsUpdated = "metrics_updated";
    public const string ConfigReloaded = "config_reloaded";

    private static readonly UtcTimestampConverter Timestamp = new();
    private static readonly JsonSerializerOptions NoOptions = new();

    /// <summary>The frames for one daemon event, in order; none for events the web does not pass on (log rotations).</summary>
    public static IReadOnlyList<byte[]> Translate(EventNotification e)
    {
        ArgumentNullException.ThrowIfNull(e);
        switch (e.Type)
        {
            case EventTypes.StateChanged when e.Instance is { } id && e.To is { } to:
                return [Frame(w =>
                {
                    Header(w, StatusChanged, id, e.At);
                    w.WriteString("status"u8, to);
                    Optional(w, "pid"u8, e.Pid);
                    if (e.From is { } from) w.WriteString("previous_status"u8, from);
                    if (e.Reason is { } reason) w.WriteString("reason"u8, reason);
                    // A crash (the child ended on its own) carries all three, null where they do not apply.
                    if (e.StderrTail is { } tail)
                    {
                        Optional(w, "exit_code"u8, e.ExitCode);
                        if (e.Signal is { } signal) w.WriteString("signal"u8, signal);
                        else w.WriteNull("signal"u8);
                        w.WriteStartArray("stderr_tail"u8);
                        foreach (var line in tail) w.WriteStringValue(line);
                        w.WriteEndArray();
                    }
                })];
            case EventTypes.HealthChanged when e.Instance is { } id && e.To is { } health:
                return [Frame(w =>
                {
                    Header(w, HealthChanged, id, e.At);
                    w.WriteBoolean("healthy"u8, health == "healthy");
                    w.WriteString("health"u8, health);
                    if (e.Reason is { } reason) w.WriteString("reason"u8, reason);
                })];
            case EventTypes.MetricsUpdated:
                return [.. (e.Instances ?? []).Select(point => Frame(w =>
                {
                    Header(w, MetricsUpdated, point.Id, e.At);
                    if (point.CpuPercent is { } cpu) w.WriteNumber("cpu"u8, Math.Round(cpu, 2));
                    else w.WriteNull("cpu"u8);
                    w.WriteNumber("memory_mb"u8, Math.Round(point.MemoryBytes / (1024.0 * 1024.0), 2));
                    w.WriteNumber("memory_bytes"u8, point.MemoryBytes);
                }))];
            case EventTypes.ConfigReloaded:
                return [Frame(w =>
                {
                    w.WriteString("type"u8, ConfigReloaded);
                    Names(w, "added"u8, e.Added);
                    Names(w, "removed"u8, e.Removed);
                    Names(w, "changed"u8, e.Changed);
                    w.WritePropertyName("at"u8);
                    Timestamp.Write(w, e.At, NoOptions);
                })];
            default:
                return [];
        }
    }

    private static void Header(Utf8JsonWriter w, string type, string instance, DateTimeOffset at)
    {
        w.WriteString("type"u8, type);
        w.WriteString("instance_id"u8, instance);
        w.WritePropertyName("at"u8);
        Timestamp.Write(w, at, NoOptions);
    }

    private static void Optional(Utf8JsonWriter w, ReadOnlySpan<byte> name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static void Names(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<string>? ids)
    {
        w.WriteStartArray(name);
        foreach (var id in ids ?? []) w.WriteStringValue(id);
        w.WriteEndArray();
    }

    private static byte[] Frame(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
