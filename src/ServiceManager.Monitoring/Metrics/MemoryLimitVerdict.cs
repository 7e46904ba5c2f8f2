namespace ServiceManager.Monitoring.Metrics;

/// <summary>The decision to restart an instance for its memory, with the text for its transition.</summary>
/// <param name="Reason">E.g. <c>memory 612M exceeds max_memory 500M by 112M (3 processes)</c>.</param>
public sealed record MemoryLimitVerdict(long RssBytes, long MaxBytes, string Reason);
