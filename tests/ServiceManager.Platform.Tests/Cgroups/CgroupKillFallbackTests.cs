using System.Globalization;
using ServiceManager.Platform.Unix;
using ServiceManager.Platform.Unix.Cgroups;

namespace ServiceManager.Platform.Tests.Cgroups;

/// <summary>Before Linux 5.14 there is no <c>cgroup.kill</c>: SIGKILL then goes to each listed process.</summary>
public sealed class CgroupKillFallbackTests
{
    [Fact]
    public async Task Without_cgroup_kill_every_listed_process_gets_SIGKILL()
    {
        // A plain directory shaped like a cgroup without cgroup.kill: the files Cgroup reads, nothing else.
        using var dir = new TempDir();
        using var spawner = new UnixProcessSpawner();
        using var first = spawner.Spawn(Requests.Run("sleep", "1000"), new RecordingSink());
        using var second = spawner.Spawn(Requests.Sh("trap '' TERM KILL; exec sleep 1000"), new RecordingSink());
        File.WriteAllText(Path.Combine(dir.Path, "cgroup.procs"), string.Create(CultureInfo.InvariantCulture, $"{first.Pid}\n{second.Pid}\n"));
        File.WriteAllText(Path.Combine(dir.Path, "cgroup.events"), "populated 1\nfrozen 0\n");
        var cgroup = new Cgroup(dir.Path);

        cgroup.HasKillFile.Should().BeFalse();
        cgroup.Members().Should().Equal(first.Pid, second.Pid);
        cgroup.Kill().Should().BeTrue();

        (await ChildExits.WaitAsync(first)).Signal.Should().Be(SignalNames.SIGKILL);
        (await ChildExits.WaitAsync(second)).Signal.Should().Be(SignalNames.SIGKILL);
        File.WriteAllText(Path.Combine(dir.Path, "cgroup.events"), "populated 0\nfrozen 0\n");
        cgroup.Kill().Should().BeFalse("nothing left to kill");
    }
}
