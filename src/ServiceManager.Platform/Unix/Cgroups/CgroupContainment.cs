using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ServiceManager.Platform.Unix.Cgroups;

/// <summary>
/// The cgroup subtree one daemon keeps its children in: <c>&lt;the daemon's cgroup&gt;/svcmgr-&lt;hash of its state
/// directory&gt;</c>, with one leaf per run of an instance, <c>&lt;instance id&gt;@&lt;n&gt;</c>. The hash keeps
/// daemons on different state directories apart; '@' never occurs in an instance id, so leaf names cannot collide
/// with each other or with the kernel's own files (<c>cgroup.procs</c> is a valid instance id).
/// </summary>
/// <remarks>
/// Processes only ever live in leaves, and svcmgr enables no controller anywhere, so the rule that a cgroup with
/// controllers in <c>cgroup.subtree_control</c> may hold no processes never applies to the subtree, whatever the
/// daemon's own cgroup does (see docs/containment.md).
/// </remarks>
public sealed partial class CgroupContainment
{
    private const string SubtreePrefix = "svcmgr-";

    public CgroupContainment(CgroupHierarchy hierarchy, Cgroup root)
    {
        ArgumentNullException.ThrowIfNull(hierarchy);
        ArgumentNullException.ThrowIfNull(root);
        Hierarchy = hierarchy;
        Root = root;
    }

    public CgroupHierarchy Hierarchy { get; }

    /// <summary>The daemon's subtree (<c>svcmgr-HASH</c>).</summary>
    public Cgroup Root { get; }

    /// <summary>Leaves have <c>cgroup.kill</c> (Linux 5.14); without it SIGKILL goes to each process in turn.</summary>
    public bool HasKillFile { get; private set; }

    /// <summary>The subtree's name for a state directory: the same directory always gives the same name.</summary>
    public static string SubtreeName(string stateDirectory)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Path.TrimEndingDirectorySeparator(Path.GetFullPath(stateDirectory))));
        return SubtreePrefix + Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }

    /// <summary>
    /// A new, empty leaf for one run of <paramref name="instance"/>: <c>ID@1</c>, or the next free number when a
    /// leaf of that name still holds something (processes that survived SIGKILL, an earlier daemon's orphans).
    /// </summary>
    /// <exception cref="IOException">The cgroup could not be created; the message names it and the kernel's answer.</exception>
    public Cgroup CreateLeaf(string instance)
    {
        ArgumentException.ThrowIfNullOrEmpty(instance);
        for (var n = 1; ; n++)
        {
            var directory = Path.Combine(Root.Directory, $"{instance}@{n.ToString(CultureInfo.InvariantCulture)}");
            var errno = Cgroup.Create(directory);
            if (errno == 0) return new Cgroup(directory);
            if (errno != LibC.EEXIST) throw new IOException($"cannot create cgroup {directory}: {LibC.ErrorText(errno)}");
        }
    }

    /// <summary>The instance a leaf belongs to ("web-1" for "web-1@3"); null for a name svcmgr does not make.</summary>
    public static string? InstanceOf(string leafName)
    {
        var at = leafName.LastIndexOf('@');
        return at > 0 && at < leafName.Length - 1 && leafName.AsSpan(at + 1).IndexOfAnyExceptInRange('0', '9') < 0
            ? leafName[..at]
            : null;
    }

    /// <summary>
    /// True when <paramref name="directory"/> is a run's leaf of a subtree of <paramref name="stateDirectory"/> under
    /// a cgroup2 mount, wherever that subtree is: the only cgroups a daemon may kill on the word of its state file
    /// (a hand-edited <c>state.json</c> must not make it kill anything else).
    /// </summary>
    public static bool IsLeafOf(string stateDirectory, CgroupHierarchy hierarchy, string directory)
    {
        ArgumentNullException.ThrowIfNull(hierarchy);
        if (!Path.IsPathFullyQualified(directory) || Path.GetFullPath(directory) != Path.TrimEndingDirectorySeparator(directory)) return false;
        if (hierarchy.PathOfDirectory(directory) is null) return false;
        var parent = Path.GetDirectoryName(directory);
        return parent is not null && Path.GetFileName(parent) == SubtreeName(stateDirectory) && InstanceOf(Path.GetFileName(directory)) is not null;
    }

    /// <summary>The run leaves of a subtree (this daemon's or an earlier one's), populated or not.</summary>
    public static IReadOnlyList<Cgroup> LeavesOf(Cgroup subtree)
    {
        ArgumentNullException.ThrowIfNull(subtree);
        return [.. subtree.Children().Where(c => InstanceOf(c.Name) is not null)];
    }

    public override string ToString() => Root.Directory;
}
