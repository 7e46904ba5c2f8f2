using ServiceManager.Platform.Unix.Cgroups;

namespace ServiceManager.TestSupport;

/// <summary>A private SVCMGR_HOME directory, deleted afterwards with the cgroup subtree its daemons made (a daemon
/// killed by a test leaves it behind; repeated runs must not litter the cgroup tree).</summary>
public sealed class TestHome : IDisposable
{
    public TestHome()
    {
        // Short path: a Unix socket path must fit in 108 bytes.
        Path = Directory.CreateTempSubdirectory("svm-").FullName;
    }

    public string Path { get; }

    public string ConfigPath => System.IO.Path.Combine(Path, "services.toml");

    public string LogsDirectory => System.IO.Path.Combine(Path, "logs");

    public string PidFile => System.IO.Path.Combine(Path, "svcmgr.pid");

    public void WriteConfig(string toml) => File.WriteAllText(ConfigPath, toml);

    public void Dispose()
    {
        RemoveCgroups();
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>The subtree a daemon on this home makes: under the test process's cgroup, which its daemons inherit.</summary>
    public string? CgroupSubtree =>
        CgroupHierarchy.PathOf(Environment.ProcessId) is { } own && CgroupHierarchy.Find(own)?.DirectoryOf(own) is { } directory
            ? System.IO.Path.Combine(directory, CgroupContainment.SubtreeName(Path))
            : null;

    private void RemoveCgroups()
    {
        if (CgroupSubtree is not { } subtree || !Directory.Exists(subtree)) return;
        var cgroup = new Cgroup(subtree);
        cgroup.Kill();
        // A bounded wait in clean-up, not a synchronisation: killed processes leave the cgroup within milliseconds.
        for (var i = 0; i < 500 && cgroup.IsPopulated(); i++) Thread.Sleep(10);
        cgroup.TryRemove();
    }
}
