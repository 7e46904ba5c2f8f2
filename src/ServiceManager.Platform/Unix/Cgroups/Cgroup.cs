using System.Globalization;
using System.Runtime.InteropServices;

namespace ServiceManager.Platform.Unix.Cgroups;

/// <summary>
/// One cgroup v2 directory and what svcmgr does with it: list its processes (its subtree's: a contained program may
/// make sub-cgroups of its own), ask whether any is left, signal them, kill them all, remove it once empty.
/// </summary>
public sealed class Cgroup
{
    /// <summary>Rounds of "list, SIGKILL each" when there is no <c>cgroup.kill</c>: a process forked during one round is caught by the next.</summary>
    private const int KillRounds = 10;

    // Polled while a stop waits: kept ready as the NUL-terminated bytes RawFile reads.
    private readonly byte[] _eventsFile;

    public Cgroup(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.TrimEndingDirectorySeparator(directory);
        _eventsFile = System.Text.Encoding.UTF8.GetBytes(Path.Combine(Directory, "cgroup.events") + "\0");
    }

    public string Directory { get; }

    public string Name => Path.GetFileName(Directory);

    /// <summary>The file a process joins the cgroup through (its pid written into it).</summary>
    public string ProcsFile => Path.Combine(Directory, "cgroup.procs");

    public bool Exists => System.IO.Directory.Exists(Directory);

    /// <summary><c>cgroup.kill</c> (Linux 5.14): one write kills the whole subtree, with no race against fork.</summary>
    public bool HasKillFile => File.Exists(Path.Combine(Directory, "cgroup.kill"));

    /// <summary>mkdir: a new, empty cgroup.</summary>
    /// <returns>0, or the errno (EEXIST: the name is taken).</returns>
    public static int Create(string directory) =>
        LibC.mkdir(directory, 0x1ED /* 0755 */) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>True while any process is in the cgroup or below it (<c>populated 1</c> in <c>cgroup.events</c>);
    /// processes leave at exit, so zombies do not count. False once it is gone.</summary>
    public bool IsPopulated()
    {
        Span<byte> text = stackalloc byte[256];
        var length = RawFile.Read(_eventsFile, text);
        if (length <= 0) return false;
        var events = text[..length];
        var at = events.IndexOf("populated "u8);
        return at >= 0 && at + 10 < events.Length && events[at + 10] == (byte)'1';
    }

    /// <summary>The pids in the cgroup and its sub-cgroups; empty when it is gone.</summary>
    public IReadOnlyList<int> Members()
    {
        var pids = new List<int>();
        Collect(Directory, pids);
        return pids;
    }

    /// <summary>The sub-cgroups (directories) of this one.</summary>
    public IReadOnlyList<Cgroup> Children()
    {
        try
        {
            return [.. System.IO.Directory.EnumerateDirectories(Directory).Order(StringComparer.Ordinal).Select(d => new Cgroup(d))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Sends <paramref name="signal"/> to each member for which <paramref name="skip"/> is not true.</summary>
    /// <returns>How many were signalled.</returns>
    public int SignalEach(int signal, Func<int, bool>? skip = null)
    {
        var sent = 0;
        foreach (var pid in Members())
        {
            if (skip?.Invoke(pid) == true) continue;
            if (UnixProcess.Signal(pid, signal)) sent++;
        }
        return sent;
    }

    /// <summary>
    /// SIGKILL to every process of the subtree: one write to <c>cgroup.kill</c>, or, without it, SIGKILL to each
    /// listed process, a few rounds while new ones appear. Does not wait for them to die.
    /// </summary>
    /// <returns>False when there was nothing to kill.</returns>
    public bool Kill()
    {
        if (!IsPopulated()) return false;
        if (RawFile.Write(Path.Combine(Directory, "cgroup.kill"), "1") == 0) return true;
        for (var round = 0; round < KillRounds; round++)
        {
            if (SignalEach(SignalNames.SIGKILL) == 0) break;
        }
        return true;
    }

    /// <summary>Removes the cgroup, if no process is left in it (rmdir refuses otherwise).</summary>
    /// <param name="withChildren">Its sub-cgroups first, deepest first; false: only if it has none.</param>
    /// <returns>True when it is gone.</returns>
    public bool TryRemove(bool withChildren = true)
    {
        if (withChildren)
        {
            foreach (var child in Children()) child.TryRemove();
        }
        if (LibC.rmdir(Directory) == 0) return true;
        return Marshal.GetLastPInvokeError() == LibC.ENOENT;
    }

    /// <summary>An <c>O_PATH</c> descriptor of the directory (close-on-exec): what <c>clone3(CLONE_INTO_CGROUP)</c> takes.</summary>
    /// <returns>The descriptor, or the negated errno.</returns>
    internal int OpenPath()
    {
        var fd = LibC.open(Directory, LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        return fd >= 0 ? fd : -Marshal.GetLastPInvokeError();
    }

    /// <summary>Moves process <paramref name="pid"/> into this cgroup.</summary>
    /// <returns>0, or the errno of the write (EACCES, EBUSY, ENOENT...).</returns>
    public int Add(int pid) => RawFile.Write(ProcsFile, pid.ToString(CultureInfo.InvariantCulture));

    public override string ToString() => Directory;

    private static void Collect(string directory, List<int> pids)
    {
        string[] subdirectories;
        try
        {
            foreach (var line in File.ReadAllText(Path.Combine(directory, "cgroup.procs")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) pids.Add(pid);
            }
            subdirectories = System.IO.Directory.GetDirectories(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // Removed meanwhile: nothing is in it.
        }
        foreach (var sub in subdirectories) Collect(sub, pids);
    }
}
