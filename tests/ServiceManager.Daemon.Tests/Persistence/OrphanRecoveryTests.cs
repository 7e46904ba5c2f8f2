using Microsoft.Extensions.Logging.Abstractions;
using ServiceManager.Daemon.Hosting;
using ServiceManager.Daemon.Persistence;
using ServiceManager.Platform;
using ServiceManager.Platform.Unix;
using ServiceManager.Platform.Unix.Cgroups;

namespace ServiceManager.Daemon.Tests.Persistence;

/// <summary>Start-up recovery of children a killed daemon left running, against real processes.</summary>
public sealed class OrphanRecoveryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("svcmgr-orphans-").FullName;
    private readonly UnixProcessSpawner _spawner = new();
    private readonly List<IChildProcess> _children = [];
    private readonly List<UnixProcessSpawner> _cgroupSpawners = [];
    private CgroupContainment? _cgroups;
    private CgroupContainment? _foreign;

    public void Dispose()
    {
        foreach (var child in _children)
        {
            child.SignalGroup(SignalNames.SIGKILL);
            child.Dispose();
        }

        _spawner.Dispose();
        foreach (var spawner in _cgroupSpawners) spawner.Dispose();
        foreach (var subtree in new[] { _cgroups?.Root, _foreign?.Root })
        {
            if (subtree is null) continue;
            subtree.Kill();
            for (var i = 0; i < 500 && subtree.IsPopulated(); i++) Thread.Sleep(10); // Bounded clean-up wait.
            subtree.TryRemove();
        }
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_marked_child_the_state_file_does_not_name_is_stopped_whenever_it_started()
    {
        // Started after this process (the "new daemon"), as a child spawned in the dead daemon's last 10 ms tick
        // looks: the start-time filter this replaced let it run on beside its restarted copy.
        var orphan = Spawn(new Dictionary<string, string> { [DaemonMarker.Variable] = _dir, ["SVCMGR_INSTANCE"] = "w-1" });
        // posix_spawn returns once execve has replaced the memory, a moment before /proc shows the new environment.
        await Eventually.TrueAsync(() => ProcScan.EnvironmentValue(orphan.Pid, DaemonMarker.Variable) == _dir, "the orphan's environment in /proc");

        var stopped = await RecoverAsync();

        stopped.Should().Be(1);
        (await orphan.Exited.WaitAsync(TimeSpan.FromMinutes(1))).Signal.Should().Be(SignalNames.SIGTERM);
    }

    [Fact]
    public async Task A_child_of_another_state_directory_is_left_alone()
    {
        var other = Spawn(new Dictionary<string, string> { [DaemonMarker.Variable] = _dir + "-other" });
        var unmarked = Spawn(new Dictionary<string, string>());
        await Eventually.TrueAsync(() => ProcScan.EnvironmentValue(other.Pid, DaemonMarker.Variable) is not null, "the other child's environment in /proc");

        var stopped = await RecoverAsync();

        stopped.Should().Be(0);
        other.IsGroupAlive().Should().BeTrue();
        unmarked.IsGroupAlive().Should().BeTrue();
    }

    [CgroupFact]
    public async Task A_recorded_cgroup_is_stopped_whole_escapees_included_and_removed()
    {
        var (containment, spawner) = Contained();
        var child = SpawnIn(spawner, "setsid sleep 1000 & exec sleep 1000");
        var leaf = new Cgroup(child.Cgroup!);
        await Eventually.TrueAsync(() => leaf.Members().Count == 2, "the child and its escapee in the leaf");
        var escapee = leaf.Members().Single(p => p != child.Pid);
        // The dead daemon recorded the child with its cgroup; its process group alone would miss the escapee.
        var state = PersistedState.Empty with
        {
            Records = new Dictionary<string, InstanceRecord>
            {
                ["w-1"] = new("w-1", 1, "config", true, new ChildRecord(child.Pid, child.Pid, child.StartTime!.Value, SignalNames.SIGTERM, 10_000, leaf.Directory), null),
            },
        };

        var stopped = await RecoverAsync(state, containment);

        stopped.Should().Be(1);
        ProcScan.Live(escapee).Should().BeNull("the escapee was in the cgroup");
        (await child.Exited.WaitAsync(TimeSpan.FromMinutes(1))).Signal.Should().Be(SignalNames.SIGTERM);
        leaf.Exists.Should().BeFalse("an emptied leaf is removed");
    }

    [CgroupFact]
    public async Task An_unrecorded_leaf_of_the_subtree_is_stopped_and_an_empty_one_removed()
    {
        var (containment, spawner) = Contained();
        var child = SpawnIn(spawner, "exec sleep 1000");
        var empty = containment.Cgroups!.CreateLeaf("gone");
        await Eventually.TrueAsync(() => new Cgroup(child.Cgroup!).IsPopulated(), "the child in its leaf");

        var stopped = await RecoverAsync(PersistedState.Empty, containment);

        stopped.Should().Be(1);
        (await child.Exited.WaitAsync(TimeSpan.FromMinutes(1))).Signal.Should().Be(SignalNames.SIGTERM);
        empty.Exists.Should().BeFalse();
        CgroupContainment.LeavesOf(containment.Cgroups.Root).Should().BeEmpty();
    }

    [CgroupFact]
    public async Task A_state_file_naming_a_cgroup_that_is_not_svcmgrs_is_not_believed()
    {
        var (containment, _) = Contained();
        // Another state directory's subtree stands in for any cgroup the file should not make us kill.
        using var foreign = new UnixProcessSpawner(null, CgroupContainment.TryCreate(_dir + "-foreign", out _));
        _foreign = foreign.Cgroups;
        var victim = _spawner.Spawn(new SpawnRequest("sleep", ["1000"], new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }, "/"), NullSink.Instance);
        _children.Add(victim);
        var bystander = foreign.Spawn(new SpawnRequest("sleep", ["1000"], new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }, "/") { CgroupName = "w-1" }, NullSink.Instance);
        _children.Add(bystander);
        await Eventually.TrueAsync(() => new Cgroup(bystander.Cgroup!).IsPopulated(), "the bystander in its leaf");
        var state = PersistedState.Empty with
        {
            Records = new Dictionary<string, InstanceRecord>
            {
                // A recycled start time would fail the group check anyway; the cgroup is what is on trial.
                ["w-1"] = new("w-1", 1, "config", true, new ChildRecord(victim.Pid, victim.Pid, 1, SignalNames.SIGTERM, 10_000, bystander.Cgroup), null),
            },
            Cgroups = foreign.Cgroups!.Root.Directory,
        };

        var stopped = await RecoverAsync(state, containment);

        stopped.Should().Be(0);
        bystander.IsGroupAlive().Should().BeTrue();
        victim.IsGroupAlive().Should().BeTrue();
    }

    private Task<int> RecoverAsync() => RecoverAsync(PersistedState.Empty, new Containment(null, Disabled: true, "tests"));

    private Task<int> RecoverAsync(PersistedState state, Containment containment) =>
        OrphanRecovery.RunAsync(state, _dir, containment, _ => null, TimeProvider.System, NullLogger.Instance, CancellationToken.None);

    private (Containment Containment, UnixProcessSpawner Spawner) Contained()
    {
        var cgroups = CgroupContainment.TryCreate(_dir, out var reason) ?? throw new InvalidOperationException(reason);
        _cgroups = cgroups;
        var spawner = new UnixProcessSpawner(null, cgroups);
        _cgroupSpawners.Add(spawner);
        return (new Containment(cgroups, Disabled: false, null), spawner);
    }

    private IChildProcess SpawnIn(UnixProcessSpawner spawner, string script)
    {
        var request = new SpawnRequest("sh", ["-c", script], new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }, "/") { CgroupName = "w-1" };
        var child = spawner.Spawn(request, NullSink.Instance);
        _children.Add(child);
        return child;
    }

    private IChildProcess Spawn(Dictionary<string, string> environment)
    {
        environment["PATH"] = "/usr/bin:/bin";
        var child = _spawner.Spawn(new SpawnRequest("sleep", ["1000"], environment, "/"), NullSink.Instance);
        _children.Add(child);
        return child;
    }

    private sealed class NullSink : IChildOutputSink
    {
        public static readonly NullSink Instance = new();

        public void OnOutput(OutputStream stream, ReadOnlySpan<byte> data) { }

        public void OnClosed(OutputStream stream) { }
    }
}
