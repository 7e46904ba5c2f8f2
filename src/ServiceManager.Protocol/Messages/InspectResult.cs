namespace ServiceManager.Protocol.Messages;

/// <summary>
/// Result of <c>inspect</c>: what a detail screen shows beyond <c>status</c>. Kept out of <c>status</c> so that the
/// environment (often secrets) is only sent to a client that asks for it, not to every status or MCP call.
/// </summary>
/// <param name="Env">What the config adds to the child's environment (env_file, env table, PORT, SVCMGR_*), not
/// the daemon's own environment merged under it.</param>
/// <param name="History">The daemon's metrics history of the instance, oldest first (a sample every 2 s, at most
/// 150: five minutes); empty when it has never been sampled.</param>
public sealed record InspectResult(
    string Id,
    IReadOnlyDictionary<string, string> Env,
    IReadOnlyList<MetricsHistoryPoint> History);
