namespace ServiceManager.Daemon.Persistence;

/// <summary>
/// An environment variable every child of a daemon carries (<c>SVCMGR_STATE_DIR</c>, the daemon's state directory),
/// so that the next daemon on the same state can find its leftovers even when <c>state.json</c> does not name them:
/// a child spawned in the milliseconds between a spawn and the next state write, just before a <c>kill -9</c>.
/// </summary>
internal static class DaemonMarker
{
    public const string Variable = "SVCMGR_STATE_DIR";

    /// <summary>The base environment of children: the daemon's, plus the marker.</summary>
    public static IReadOnlyDictionary<string, string> Add(IReadOnlyDictionary<string, string> environment, string stateDirectory) =>
        new Dictionary<string, string>(environment, StringComparer.Ordinal) { [Variable] = Path.GetFullPath(stateDirectory) };
}
