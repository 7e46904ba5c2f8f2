using ServiceManager.Platform.Unix.Cgroups;

namespace ServiceManager.Platform.Tests.Cgroups;

/// <summary>Finding the cgroup2 mount and a process's cgroup from /proc text, and the names svcmgr gives cgroups.</summary>
public sealed class CgroupPathsTests
{
    private const string HybridMountinfo = """
        31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
        35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
        41 31 0:38 / /sys/fs/cgroup/unified rw,relatime shared:9 - cgroup2 cgroup2 rw
        77 23 0:38 /svc /mnt/my\040cgroups rw,relatime - cgroup2 cgroup2 rw
        """;

    [Fact]
    public void The_cgroup2_mounts_are_read_from_mountinfo_optional_fields_and_escapes_included()
    {
        CgroupHierarchy.ParseMounts(HybridMountinfo).Should().Equal(
            new CgroupHierarchy("/sys/fs/cgroup/unified", "/"),
            new CgroupHierarchy("/mnt/my cgroups", "/svc"));
    }

    [Fact]
    public void The_widest_mount_that_shows_a_cgroup_is_chosen()
    {
        var mounts = CgroupHierarchy.ParseMounts(HybridMountinfo).ToList();

        CgroupHierarchy.Choose(mounts, "/svc/a")!.MountPoint.Should().Be("/sys/fs/cgroup/unified");
        CgroupHierarchy.Choose(mounts.Skip(1), "/svc/a")!.MountPoint.Should().Be("/mnt/my cgroups");
        CgroupHierarchy.Choose(mounts.Skip(1), "/other").Should().BeNull("that mount shows only /svc");
        CgroupHierarchy.Choose([], "/").Should().BeNull("no cgroup2 at all");
    }

    [Fact]
    public void Cgroup_paths_and_directories_map_both_ways()
    {
        var whole = new CgroupHierarchy("/sys/fs/cgroup/unified", "/");
        whole.DirectoryOf("/").Should().Be("/sys/fs/cgroup/unified");
        whole.DirectoryOf("/user.slice/x").Should().Be("/sys/fs/cgroup/unified/user.slice/x");
        whole.PathOfDirectory("/sys/fs/cgroup/unified/user.slice/x").Should().Be("/user.slice/x");
        whole.PathOfDirectory("/sys/fs/cgroup/unified").Should().Be("/");
        whole.PathOfDirectory("/sys/fs/cgroup/unifiedX/a").Should().BeNull();

        var part = new CgroupHierarchy("/mnt/c", "/svc");
        part.DirectoryOf("/svc").Should().Be("/mnt/c");
        part.DirectoryOf("/svc/a").Should().Be("/mnt/c/a");
        part.DirectoryOf("/svcx/a").Should().BeNull();
        part.PathOfDirectory("/mnt/c/a").Should().Be("/svc/a");
    }

    [Fact]
    public void The_v2_line_of_proc_pid_cgroup_is_the_membership()
    {
        CgroupHierarchy.ParseMembership("9:name=systemd:/\n4:memory:/x\n0::/user.slice/a b\n").Should().Be("/user.slice/a b");
        CgroupHierarchy.ParseMembership("4:memory:/x\n").Should().BeNull("cgroup v1 only");
        CgroupHierarchy.PathOf(Environment.ProcessId).Should().StartWith("/");
    }

    [Fact]
    public void Subtrees_are_named_after_the_state_directory_and_leaves_after_the_instance()
    {
        var name = CgroupContainment.SubtreeName("/home/u/.svcmgr");
        name.Should().MatchRegex("^svcmgr-[0-9a-f]{12}$");
        CgroupContainment.SubtreeName("/home/u/.svcmgr/").Should().Be(name, "the same directory");
        CgroupContainment.SubtreeName("/home/u/other").Should().NotBe(name);

        CgroupContainment.InstanceOf("web-1@3").Should().Be("web-1");
        CgroupContainment.InstanceOf("api.0@12").Should().Be("api.0");
        CgroupContainment.InstanceOf("cgroup.procs").Should().BeNull();
        CgroupContainment.InstanceOf("web@").Should().BeNull();
        CgroupContainment.InstanceOf("@1").Should().BeNull();
        CgroupContainment.InstanceOf("web@1x").Should().BeNull();
    }

    [Fact]
    public void Only_run_leaves_of_this_state_directorys_subtree_are_trusted_from_the_state_file()
    {
        var hierarchy = new CgroupHierarchy("/sys/fs/cgroup/unified", "/");
        var subtree = CgroupContainment.SubtreeName("/state");

        CgroupContainment.IsLeafOf("/state", hierarchy, $"/sys/fs/cgroup/unified/{subtree}/web@1").Should().BeTrue();
        CgroupContainment.IsLeafOf("/state", hierarchy, $"/sys/fs/cgroup/unified/some.scope/{subtree}/web@1").Should().BeTrue("wherever the daemon ran");
        CgroupContainment.IsLeafOf("/other", hierarchy, $"/sys/fs/cgroup/unified/{subtree}/web@1").Should().BeFalse("another daemon's");
        CgroupContainment.IsLeafOf("/state", hierarchy, "/sys/fs/cgroup/unified/system.slice").Should().BeFalse();
        CgroupContainment.IsLeafOf("/state", hierarchy, $"/sys/fs/cgroup/unified/{subtree}").Should().BeFalse("the subtree itself");
        CgroupContainment.IsLeafOf("/state", hierarchy, $"/sys/fs/cgroup/unified/{subtree}/web@1/../../system.slice@1").Should().BeFalse();
        CgroupContainment.IsLeafOf("/state", hierarchy, $"/tmp/{subtree}/web@1").Should().BeFalse("not a cgroup");
    }
}
