using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ServiceManager.Config;
using ServiceManager.Daemon.Scheduling;
using ServiceManager.Platform.Unix;
using ServiceManager.Supervision;

namespace ServiceManager.Daemon.Tests.Scheduling;

/// <summary>
/// schedule and cron_restart over a real fleet with real children; only the cron clock is fake, so a tick is one
/// <see cref="FakeTimeProvider.Advance"/> away and no test waits for a real minute.
/// </summary>
public sealed class CronTriggersTests : IAsyncLifetime
{
    // 00:00:30 UTC; the cron zone (the provider's local zone) is UTC too.
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 30, TimeSpan.Zero);

    private readonly TempDir _dir = new("svcmgr-cron-");
    private readonly UnixProcessSpawner _spawner = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private Fleet _fleet = null!;
    private CronTriggers _cron = null!;

    public Task InitializeAsync()
    {
        _clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        _fleet = new Fleet(new FleetOptions(_dir.File("logs")) { BaseEnvironment = new Dictionary<string, string>() }, _spawner, TimeProvider.System);
        _cron = new CronTriggers(_fleet, _clock, NullLoggerFactory.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _cron.DisposeAsync();
        await _fleet.DisposeAsync();
        _spawner.Dispose();
        _dir.Dispose();
    }

    private async Task ApplyAsync(string toml)
    {
        var path = _dir.Write("services.toml", toml);
        await _fleet.ApplyAsync(ConfigLoader.Load(path, new Dictionary<string, string>()));
        _cron.Start();
    }

    private InstanceSnapshot Snapshot(string id) => _fleet.Resolve(id).Snapshot;

    private string[] Runs() => File.Exists(_dir.File("runs")) ? File.ReadAllLines(_dir.File("runs")) : [];

    /// <summary>Waits until the timer waits for <paramref name="tick"/>, then moves the clock onto it.</summary>
    private async Task TickAsync(string id, DateTimeOffset tick)
    {
        await Eventually.TrueAsync(() => _cron.NextTick(id) == tick, $"{id}'s timer to wait for {tick:HH:mm}");
        _clock.Advance(tick - _clock.GetUtcNow());
    }

    private static DateTimeOffset At(int hour, int minute) => new(2026, 1, 1, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_job_runs_at_each_tick_and_a_tick_during_a_run_is_skipped_and_logged()
    {
        // Each run notes itself, then holds until the test releases it (and takes the release with it).
        await ApplyAsync("""
            [instances.report]
            start_command = "sh -c 'echo run >> runs; until [ -e release ]; do sleep 0.05; done; rm release'"
            schedule = "*/5 * * * *"
            """);
        Snapshot("report").State.Should().Be(InstanceState.Stopped, "a job waits for its first tick");

        await TickAsync("report", At(0, 5));
        await Eventually.TrueAsync(() => Runs().Length == 1 && Snapshot("report").State == InstanceState.Running, "the 00:05 run");
        Snapshot("report").Transitions.Should().Contain(t => t.To == InstanceState.Starting && t.Reason == "schedule tick 2026-01-01 00:05");

        await TickAsync("report", At(0, 10));
        await Eventually.TrueAsync(() => _cron.NextTick("report") == At(0, 15), "the 00:10 tick to be handled");
        _fleet.TryGetLog("report", out var log).Should().BeTrue();
        log!.Tail(50).Select(e => e.Text).Should().Contain(t => t.Contains("schedule tick 2026-01-01 00:10 skipped: the last run is still running", StringComparison.Ordinal));
        Runs().Should().HaveCount(1, "the tick came while the 00:05 run was still going");

        File.WriteAllText(_dir.File("release"), "");
        await Eventually.TrueAsync(() => Snapshot("report").State == InstanceState.Stopped, "the 00:05 run to end");
        Snapshot("report").LastExit!.IsSuccess.Should().BeTrue();

        await TickAsync("report", At(0, 15));
        await Eventually.TrueAsync(() => Runs().Length == 2, "the 00:15 run");
        File.WriteAllText(_dir.File("release"), "");
        await Eventually.TrueAsync(() => Snapshot("report").State == InstanceState.Stopped, "the 00:15 run to end");
        Snapshot("report").State.Should().Be(InstanceState.Stopped, "a job is not restarted when it exits (restart defaults to never)");
    }

    [Fact]
    public async Task Cron_restart_restarts_a_running_instance_at_its_tick_and_leaves_a_stopped_one_alone()
    {
        await ApplyAsync("""
            [instances.web]
            start_command = "sleep 1000"
            cron_restart = "0 3 * * *"
            auto_start = true

            [instances.idle]
            start_command = "sleep 1000"
            cron_restart = "0 3 * * *"
            """);
        await Eventually.TrueAsync(() => Snapshot("web").Pid is not null && Snapshot("web").State == InstanceState.Running, "web to run");
        var before = Snapshot("web").Pid;

        await TickAsync("web", At(3, 0));
        var after = await Eventually.ValueAsync(() => Snapshot("web") is { State: InstanceState.Running, Pid: { } pid } && pid != before ? Snapshot("web") : null,
            _ => true, "web to run again with a new child");
        after.Transitions.Should().Contain(t => t.Reason.Contains("cron_restart tick 2026-01-01 03:00", StringComparison.Ordinal));
        await Eventually.TrueAsync(() => _cron.NextTick("idle") == new DateTimeOffset(2026, 1, 2, 3, 0, 0, TimeSpan.Zero), "idle's tick to pass");
        Snapshot("idle").State.Should().Be(InstanceState.Stopped, "cron_restart never starts a stopped instance");
    }

    [Fact]
    public async Task A_reload_that_changes_a_schedule_moves_its_next_tick_and_one_that_removes_it_drops_the_timer()
    {
        await ApplyAsync("""
            [instances.report]
            start_command = "true"
            schedule = "0 * * * *"
            """);
        await Eventually.TrueAsync(() => _cron.NextTick("report") == At(1, 0), "the hourly tick");

        await ApplyAsync("""
            [instances.report]
            start_command = "true"
            schedule = "*/10 * * * *"
            """);
        await Eventually.TrueAsync(() => _cron.NextTick("report") == At(0, 10), "the new schedule's tick");

        await ApplyAsync("""
            [instances.report]
            start_command = "true"
            """);
        await Eventually.TrueAsync(() => _cron.NextTick("report") is null, "no timer without a schedule");
    }
}
