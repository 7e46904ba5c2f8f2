using Microsoft.Extensions.Logging.Abstractions;
using ServiceManager.Daemon.Persistence;
using ServiceManager.EndToEnd.Tests.Infrastructure;
using ServiceManager.Platform;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Daemon.Tests.Persistence;

/// <summary>Start-up recovery of children a killed daemon left running, against real processes.</summary>
public sealed class OrphanRecoveryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("svcmgr-orphans-").FullName;
    private readonly UnixProcessSpawner _spawner = new();
    private readonly List<IChildProcess> _children = [];

    public void Dispose()
    {
        foreach (var child in _children)
        {
            child.SignalGroup(SignalNames.SIGKILL);
            child.Dispose();
        }

        _spawner.Dispose();
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

    private Task<int> RecoverAsync() =>
        OrphanRecovery.RunAsync(PersistedState.Empty, _dir, _ => null, TimeProvider.System, NullLogger.Instance, CancellationToken.None);

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
