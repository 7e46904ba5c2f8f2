using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Tui.State;

/// <summary>
/// The instances as the client last heard of them: a <c>list</c> snapshot, then <c>event</c> notifications applied
/// as they come. Events carry only what changed, so a state change also asks for a fresh <c>list</c> (pid, uptime,
/// restarts) through <see cref="Apply"/>'s answer; metrics events are complete and applied in place.
/// </summary>
public sealed class FleetState
{
    private readonly Dictionary<string, InstanceRow> _rows = new(StringComparer.Ordinal);

    /// <summary>Rows in numeric-id order (the daemon's order), except that a replica group's members follow each
    /// other, where its first member is (a member added by a later scale has a later number).</summary>
    public IReadOnlyList<InstanceRow> Rows
    {
        get
        {
            var rows = _rows.Values;
            var groupFirst = rows.Where(r => r.Summary.Group is not null).GroupBy(r => r.Summary.Group!)
                .ToDictionary(g => g.Key, g => g.Min(r => r.Summary.NumericId), StringComparer.Ordinal);
            return [.. rows.OrderBy(r => r.Summary.Group is { } group ? groupFirst[group] : r.Summary.NumericId).ThenBy(r => r.Summary.NumericId)];
        }
    }

    public SystemMetricsInfo? System { get; private set; }

    /// <summary>Bumped on every change, so a screen knows when to draw again.</summary>
    public long Version { get; private set; }

    /// <summary>False until the first <c>list</c> arrived: "no instances" would be a guess before that.</summary>
    public bool Loaded { get; private set; }

    public InstanceRow? Find(string id) => _rows.GetValueOrDefault(id);

    public void ReplaceAll(IReadOnlyList<InstanceSummary> instances, DateTimeOffset now)
    {
        _rows.Clear();
        foreach (var summary in instances) _rows[summary.Id] = new InstanceRow(summary, now);
        Loaded = true;
        Version++;
    }

    /// <summary>Applies an event; true when the client should fetch <c>list</c> again to learn the rest.</summary>
    public bool Apply(EventNotification e)
    {
        Version++;
        switch (e.Type)
        {
            case EventTypes.StateChanged when e.Instance is { } id && e.To is { } to:
                if (_rows.TryGetValue(id, out var row))
                {
                    var running = to == "running";
                    _rows[id] = row with
                    {
                        Summary = row.Summary with
                        {
                            State = to,
                            Pid = running ? row.Summary.Pid : null,
                            CpuPercent = running ? row.Summary.CpuPercent : null,
                            MemoryBytes = running ? row.Summary.MemoryBytes : null,
                        },
                    };
                }
                return true;
            case EventTypes.HealthChanged when e.Instance is { } id && e.To is { } health:
                if (_rows.TryGetValue(id, out var healthRow))
                    _rows[id] = healthRow with { Summary = healthRow.Summary with { Health = health } };
                return false;
            case EventTypes.MetricsUpdated:
                System = e.System ?? System;
                foreach (var point in e.Instances ?? [])
                {
                    if (_rows.TryGetValue(point.Id, out var metricsRow) && metricsRow.IsRunning)
                        _rows[point.Id] = metricsRow with
                        {
                            Summary = metricsRow.Summary with { CpuPercent = point.CpuPercent, MemoryBytes = point.MemoryBytes },
                        };
                }
                return false;
            case EventTypes.ConfigReloaded:
                return true;
            default:
                return e.Instance is not null && !_rows.ContainsKey(e.Instance);
        }
    }

    public FleetCounts Counts()
    {
        var rows = _rows.Values;
        return new FleetCounts(
            rows.Count,
            rows.Count(r => r.Summary.State == "running"),
            rows.Count(r => r.Summary.State == "stopped"),
            rows.Count(r => r.Summary.State == "failed"));
    }
}
