using ServiceManager.Platform.Unix;
using ServiceManager.Platform.Unix.Cgroups;

namespace ServiceManager.Platform.Tests.NativeSpawn;

/// <summary>
/// The native spawner's failures, below the spawner's own checks (which catch most of these first): the errno comes
/// from the child, or from clone3. Serial, so that a zombie left behind would be ours.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class NativeSpawnFailureTests
{
    [NativeSpawnFact]
    public void A_failed_step_in_the_child_returns_its_errno_and_no_child_is_left()
    {
        using var dir = new TempDir();
        var zombiesBefore = ZombieChildren();

        Start("/nonexistent/program", "/").Should().Be(LibC.ENOENT);
        Start(dir.Path, "/").Should().Be(LibC.EACCES, "a directory is not executable");
        Start("/bin/true", "/nonexistent/dir").Should().Be(LibC.ENOENT, "chdir failed");
        Start("/bin/true", "/", listenFds: [1_000_000]).Should().Be(9 /* EBADF */, "no such socket descriptor");
        Start("/bin/true", "/").Should().Be(0);

        ZombieChildren().Except(zombiesBefore).Should().BeEmpty("a child that failed is reaped by the spawner");
    }

    [NativeSpawnFact]
    public void A_cgroup_descriptor_that_is_no_cgroup_is_refused_by_clone3_and_nothing_starts()
    {
        using var dir = new TempDir();
        var marker = Path.Combine(dir.Path, "ran");
        var notACgroup = new Cgroup(dir.Path).OpenPath();
        notACgroup.Should().BeGreaterThan(0);
        try
        {
            var rc = Start("/usr/bin/touch", "/", argv: ["touch", marker], cgroupFd: notACgroup);

            rc.Should().BeNegative("no child was created");
            File.Exists(marker).Should().BeFalse();
        }
        finally
        {
            _ = NativeTestHelpers.close(notACgroup);
        }
    }

    /// <summary>One native spawn; a child that starts is reaped here.</summary>
    private static unsafe int Start(string path, string cwd, IReadOnlyCollection<string>? argv = null, int cgroupFd = -1, int[]? listenFds = null)
    {
        var devNull = LibC.open("/dev/null", LibC.O_WRONLY | LibC.O_CLOEXEC);
        try
        {
            var rc = Unix.NativeSpawn.Start(path, argv ?? ["prog"], ["PATH=/usr/bin:/bin"], cwd, devNull, devNull, cgroupFd, listenFds ?? [], out var pid, out var pidFd);
            if (rc == 0)
            {
                _ = NativeTestHelpers.close(pidFd);
                _ = LibC.waitpid(pid, null, 0).Should().Be(pid);
            }
            return rc;
        }
        finally
        {
            _ = NativeTestHelpers.close(devNull);
        }
    }

    private static IReadOnlyList<int> ZombieChildren() =>
        [.. ProcStat.ReadAll().Where(p => p.ParentPid == Environment.ProcessId && p.IsZombie).Select(p => p.Pid)];
}
