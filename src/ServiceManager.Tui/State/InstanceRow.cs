using ServiceManager.Protocol.Messages;

namespace ServiceManager.Tui.State;

/// <summary>What the client knows of one instance: the daemon's summary as of <see cref="FetchedAt"/>, with later
/// events (state, health, metrics) applied on top.</summary>
public sealed record InstanceRow(InstanceSummary Summary, DateTimeOffset FetchedAt)
{
    public string Id => Summary.Id;

    public bool IsRunning => Summary.State == "running";

    /// <summary>Uptime now: the daemon's figure plus the time since it was sent, so the screen ticks between fetches.</summary>
    public TimeSpan? Uptime(DateTimeOffset now) =>
        IsRunning && Summary.UptimeMs is { } ms ? TimeSpan.FromMilliseconds(ms) + (now - FetchedAt) : null;

    /// <summary>Whether the name, template or a tag contains <paramref name="filter"/> (case-insensitive).</summary>
    public bool Matches(string filter) =>
        filter.Length == 0
        || Summary.Id.Contains(filter, StringComparison.OrdinalIgnoreCase)
        || (Summary.Template?.Contains(filter, StringComparison.OrdinalIgnoreCase) ?? false)
        || Summary.Tags.Any(t => t.Contains(filter, StringComparison.OrdinalIgnoreCase));
}
