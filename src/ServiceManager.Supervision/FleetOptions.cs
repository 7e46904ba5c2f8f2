using ServiceManager.Platform;

namespace ServiceManager.Supervision;

/// <summary>Where a <see cref="Fleet"/> keeps instance logs, and the environment its children start from.</summary>
/// <param name="LogDirectory">One log (with its rotated files) per instance is kept here.</param>
public sealed record FleetOptions(string LogDirectory)
{
    /// <summary>The base environment of every child; null captures the daemon's own, once, at construction.</summary>
    public IReadOnlyDictionary<string, string>? BaseEnvironment { get; init; }

    /// <summary>Numeric ids given out before (by an earlier daemon): kept for those ids, and never given to others.</summary>
    public IReadOnlyDictionary<string, int>? NumericIds { get; init; }

    /// <summary>
    /// Looks for processes of an instance that a stop could not reach (see <see cref="StragglerFinder"/>), after each
    /// stop; null (tests with fake children) skips the search.
    /// </summary>
    public StragglerFinder? FindStragglers { get; init; }

    /// <summary>
    /// Looks processes up for names that need the process tree: <c>pid:N</c> beyond an instance's own child, and a
    /// port no instance is configured on (whose listener is then looked for). Null (tests with fake children): only
    /// the child pids and configured ports are known.
    /// </summary>
    public IProcessLocator? Processes { get; init; }

    /// <summary>What a requested start of an instance with <c>depends_on</c> waits for; by default nothing.</summary>
    public IDependencyGate Dependencies { get; init; } = IDependencyGate.Open;
}
