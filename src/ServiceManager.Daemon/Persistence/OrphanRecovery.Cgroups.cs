using ServiceManager.Daemon.Hosting;
using ServiceManager.Platform.Unix.Cgroups;

namespace ServiceManager.Daemon.Persistence;

internal static partial class OrphanRecovery
{
    /// <summary>
    /// The run leaves of the previous daemon's subtree (as <c>state.json</c> names it, if it is one of this state
    /// directory's) and of this daemon's own: the populated ones, to stop. Empty ones are removed on the way.
    /// </summary>
    private static List<Cgroup> SubtreeLeaves(PersistedState state, string stateDirectory, Containment containment, CgroupHierarchy? hierarchy)
    {
        var leaves = new List<Cgroup>();
        foreach (var subtree in Subtrees(state, stateDirectory, containment, hierarchy))
        {
            foreach (var leaf in CgroupContainment.LeavesOf(subtree))
            {
                if (leaf.IsPopulated()) leaves.Add(leaf);
                else leaf.TryRemove();
            }
        }
        return leaves;
    }

    /// <summary>The previous daemon's subtree goes once empty, if it is not this daemon's too (started from another cgroup).</summary>
    private static void RemoveOtherSubtree(PersistedState state, string stateDirectory, Containment containment, CgroupHierarchy? hierarchy)
    {
        if (RecordedSubtree(state, stateDirectory, hierarchy) is { } recorded && recorded.Directory != containment.Cgroups?.Root.Directory)
            recorded.TryRemove();
    }

    private static IEnumerable<Cgroup> Subtrees(PersistedState state, string stateDirectory, Containment containment, CgroupHierarchy? hierarchy)
    {
        var recorded = RecordedSubtree(state, stateDirectory, hierarchy);
        if (recorded is not null && recorded.Exists) yield return recorded;
        if (containment.Cgroups?.Root is { } own && own.Directory != recorded?.Directory) yield return own;
    }

    /// <summary>The subtree <c>state.json</c> names, when it is a cgroup named for this state directory (anything
    /// else in a hand-edited file is ignored: only svcmgr's own cgroups are ever killed on its word).</summary>
    private static Cgroup? RecordedSubtree(PersistedState state, string stateDirectory, CgroupHierarchy? hierarchy) =>
        state.Cgroups is { } directory && hierarchy?.PathOfDirectory(directory) is not null
        && Path.IsPathFullyQualified(directory) && Path.GetFullPath(directory) == directory
        && Path.GetFileName(directory) == CgroupContainment.SubtreeName(stateDirectory)
            ? new Cgroup(directory)
            : null;
}
