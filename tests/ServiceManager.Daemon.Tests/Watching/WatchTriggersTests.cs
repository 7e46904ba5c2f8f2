using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ServiceManager.Config;
using ServiceManager.Daemon.Watching;
using ServiceManager.Platform.Unix;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Tests.Watching;

/// <summary>
/// watch over a real fleet, real children and real files (inotify); only the debounce clock is fake, so "one restart
/// per burst" does not depend on how fast a loaded machine writes the burst: the window closes when the test says.
/// </summary>
public sealed class WatchTriggersTests : IAsyncLifetime
{
    private readonly TempDir _dir = new("svcmgr-watch-");
    private readonly UnixProcessSpawner _spawner = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private Fleet _fleet = null!;
    private WatchTriggers _watch = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir.File("app/src"));
        _fleet = new Fleet(new FleetOptions(_dir.File("logs")) { BaseEnvironment = new Dictionary<string, string>() }, _spawner, TimeProvider.System);
        _watch = new WatchTriggers(_fleet, _clock, NullLoggerFactory.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _watch.Dispose();
        await _fleet.DisposeAsync();
        _spawner.Dispose();
        _dir.Dispose();
    }

    private async Task ApplyAsync(string toml)
    {
        var path = _dir.Write("services.toml", toml);
        await _fleet.ApplyAsync(ConfigLoader.Load(path, new Dictionary<string, string>()));
        _watch.Start();
    }

    private const string WebConfig = """
        [instances.web]
        start_command = "sleep 1000"
        working_dir = "app"
        auto_start = true
        watch = ["src"]
        watch_ignore = [".git", "*.tmp", "__pycache__"]
        watch_debounce = "2s"
        """;

    private InstanceSnapshot Web => _fleet.Resolve("web").Snapshot;

    private string App(string relative) => _dir.File(Path.Combine("app", relative));

    private async Task<int> RunningPidAsync() =>
        (await Eventually.ValueAsync(() => Web is { State: InstanceState.Running, Pid: not null } w ? w : null, _ => true, "web to run")).Pid!.Value;

    private async Task<InstanceSnapshot> RestartedFromAsync(int pid) =>
        await Eventually.ValueAsync(() => Web is { State: InstanceState.Running, Pid: { } p } w && p != pid ? w : null, _ => true, "web to run again");

    /// <summary>Waits until the open window has seen <paramref name="path"/>.</summary>
    private Task SeenAsync(string path) =>
        Eventually.TrueAsync(() => _watch.PendingChanges("web").Contains(path), $"the watch to see {path}");

    /// <summary>
    /// Creates a directory (a single inotify event) and waits until the watch has seen it: events arrive in order, so
    /// every event of what the test did before has been handled then (a file write is several events).
    /// </summary>
    private async Task FlushAsync(string marker)
    {
        Directory.CreateDirectory(App($"src/{marker}"));
        await SeenAsync($"src/{marker}");
    }

    [Fact]
    public async Task A_burst_of_changes_restarts_once_and_the_reason_names_the_first_file()
    {
        await ApplyAsync(WebConfig);
        var pid = await RunningPidAsync();

        for (var i = 0; i < 20; i++) File.WriteAllText(App($"src/mod{i}.py"), $"x = {i}");
        await FlushAsync("flush");
        _watch.PendingChanges("web").Should().HaveCount(21, "each changed path counts once, however many events it made");
        _clock.Advance(TimeSpan.FromSeconds(2));

        var after = await RestartedFromAsync(pid);
        // A restart is two transitions (to stopping, to starting); one restart has one of the first.
        after.Transitions.Should().ContainSingle(t => t.To == InstanceState.Stopping && t.Reason.StartsWith("watch: ", StringComparison.Ordinal))
            .Which.Reason.Should().StartWith("watch: src/mod0.py changed (and 20 more paths)");
        _watch.PendingChanges("web").Should().BeEmpty("the window closed with the restart");
    }

    [Fact]
    public async Task Save_by_rename_counts_by_the_new_name_and_ignored_names_do_not_count()
    {
        await ApplyAsync(WebConfig);
        var pid = await RunningPidAsync();
        File.WriteAllText(App("src/app.py"), "v1");
        await FlushAsync("flush1");
        _clock.Advance(TimeSpan.FromSeconds(2));
        pid = (await RestartedFromAsync(pid)).Pid!.Value;

        // Ignored first, then an editor's save: write a temporary file, rename it over the original.
        Directory.CreateDirectory(App("src/.git"));
        File.WriteAllText(App("src/.git/index"), "noise");
        Directory.CreateDirectory(App("src/__pycache__"));
        File.WriteAllText(App("src/.app.py.tmp"), "v2");
        File.Move(App("src/.app.py.tmp"), App("src/app.py"), overwrite: true);

        await FlushAsync("flush2");
        _watch.PendingChanges("web").Should().Equal(["src/app.py", "src/flush2"], "the temporary file and the ignored names do not count");
        _clock.Advance(TimeSpan.FromSeconds(2));
        (await RestartedFromAsync(pid)).Transitions.Last(t => t.To == InstanceState.Stopping).Reason
            .Should().StartWith("watch: src/app.py changed (and 1 more path)");
    }

    [Fact]
    public async Task A_directory_created_later_is_watched_too_and_a_stopped_instance_is_not_started()
    {
        await ApplyAsync(WebConfig);
        var pid = await RunningPidAsync();

        // Two levels at once: the inner one may be made before the watch of the outer one exists.
        Directory.CreateDirectory(App("src/pkg/sub"));
        await FlushAsync("flush0");
        _watch.PendingChanges("web").Should().StartWith("src/pkg");
        _clock.Advance(TimeSpan.FromSeconds(2));
        pid = (await RestartedFromAsync(pid)).Pid!.Value;

        File.WriteAllText(App("src/pkg/sub/new.py"), "print(1)");
        await FlushAsync("flush1");
        _watch.PendingChanges("web").Should().Equal(["src/pkg/sub/new.py", "src/flush1"]);
        _clock.Advance(TimeSpan.FromSeconds(2));
        pid = (await RestartedFromAsync(pid)).Pid!.Value;

        await _fleet.StopAsync(["web"]);
        File.WriteAllText(App("src/pkg/sub/new.py"), "print(2)");
        await FlushAsync("flush2");
        _clock.Advance(TimeSpan.FromSeconds(2));
        await Eventually.TrueAsync(() => _watch.PendingChanges("web").Count == 0, "the window to close");
        Web.State.Should().Be(InstanceState.Stopped, "only an instance that should run is restarted");
    }
}
