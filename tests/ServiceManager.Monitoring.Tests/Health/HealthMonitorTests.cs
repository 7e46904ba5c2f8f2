using Microsoft.Extensions.Time.Testing;
using ServiceManager.Config.Model;
using ServiceManager.Monitoring.Health;
using ServiceManager.Monitoring.Tests.Support;

namespace ServiceManager.Monitoring.Tests.Health;

/// <summary>The monitor's rules on a fake clock with a scripted probe: thresholds, timeouts, scheduling.</summary>
public sealed class HealthMonitorTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.Zero));
    private readonly List<HealthChange> _changes = [];
    private int _checks;

    /// <summary>Regular checks only: the threshold and scheduling tests count checks one interval apart.</summary>
    private static readonly HealthMonitorOptions RegularOnly = new() { StartupProbeDelay = null };

    private HealthMonitor Create(IHealthProbe probe, HealthMonitorOptions? options = null)
    {
        var monitor = new HealthMonitor("web-1", probe, new HealthCheckSettings("scripted", Interval, Timeout), _time, options ?? RegularOnly);
        monitor.HealthChanged += change =>
        {
            lock (_changes) _changes.Add(change);
        };
        monitor.Checked += _ => Interlocked.Increment(ref _checks);
        return monitor;
    }

    private (HealthStatus, HealthStatus)[] Changes()
    {
        lock (_changes) return [.. _changes.Select(c => (c.Old, c.New))];
    }

    /// <summary>Advances until the monitor has recorded <paramref name="count"/> checks (the probe finishing is not
    /// enough: the monitor records its result just after).</summary>
    private Task Checked(int count) =>
        Eventually.AdvanceUntil(_time, Interval, () => Volatile.Read(ref _checks) >= count, $"{count} checks recorded");

    [Fact]
    public async Task Health_is_unknown_until_the_first_verdict_and_one_pass_makes_it_healthy()
    {
        var probe = new ScriptedProbe().Then(true, "HTTP 200");
        await using var monitor = Create(probe);

        monitor.Status.Should().Be(HealthStatus.Unknown);
        monitor.Start();
        await Eventually.TrueAsync(() => monitor.Status == HealthStatus.Healthy, "the first pass is seen");

        probe.Calls.Should().Be(1, "the first probe runs at once, the next only after an interval");
        Changes().Should().Equal((HealthStatus.Unknown, HealthStatus.Healthy));
        _changes[0].Reason.Should().Be("check passed: HTTP 200");
        monitor.Snapshot.LastCheck!.Result.Detail.Should().Be("HTTP 200");
    }

    [Fact]
    public async Task Unhealthy_takes_three_failures_in_a_row_and_a_pass_in_between_starts_the_count_again()
    {
        var probe = new ScriptedProbe()
            .Then(false, "HTTP 500").Then(false, "HTTP 500")      // still booting: stays unknown
            .Then(true, "HTTP 200")                                // healthy
            .Then(false, "HTTP 500").Then(false, "HTTP 500")      // a blip...
            .Then(true, "HTTP 200")                                // ...that resets the count
            .Then(false, "HTTP 500").Then(false, "HTTP 502").Then(false, "HTTP 503");
        await using var monitor = Create(probe);
        monitor.Start();

        await Checked(2);
        monitor.Status.Should().Be(HealthStatus.Unknown);
        monitor.ConsecutiveFailures.Should().Be(2);

        await Checked(3);
        monitor.Status.Should().Be(HealthStatus.Healthy);
        monitor.ConsecutiveFailures.Should().Be(0);

        await Checked(5);
        monitor.Status.Should().Be(HealthStatus.Healthy);
        monitor.ConsecutiveFailures.Should().Be(2);

        await Checked(8);
        monitor.Status.Should().Be(HealthStatus.Healthy, "only two failures since the last pass");

        await Checked(9);
        monitor.Status.Should().Be(HealthStatus.Unhealthy);
        monitor.ConsecutiveFailures.Should().Be(3);
        Changes().Should().Equal((HealthStatus.Unknown, HealthStatus.Healthy), (HealthStatus.Healthy, HealthStatus.Unhealthy));
        _changes[1].Reason.Should().Be("3 consecutive checks failed: HTTP 503");
    }

    [Fact]
    public async Task Thresholds_are_configurable()
    {
        var probe = new ScriptedProbe().Then(false, "down").Then(true, "up").Then(true, "up");
        await using var monitor = Create(probe, RegularOnly with { HealthyThreshold = 2, UnhealthyThreshold = 1 });
        monitor.Start();

        await Checked(1);
        monitor.Status.Should().Be(HealthStatus.Unhealthy);
        await Checked(2);
        monitor.Status.Should().Be(HealthStatus.Unhealthy, "one pass is not enough with a threshold of two");
        await Checked(3);
        monitor.Status.Should().Be(HealthStatus.Healthy);
        _changes[^1].Reason.Should().Be("2 consecutive checks passed: up");
    }

    [Fact]
    public async Task A_hung_probe_is_cut_off_at_the_timeout_and_no_second_probe_starts_while_it_hangs()
    {
        var probe = new ScriptedProbe().ThenHang().Then(true, "ok");
        await using var monitor = Create(probe);
        monitor.Start();
        await Eventually.TrueAsync(() => probe.Calls == 1, "the first probe started");

        // Many intervals' worth of time, but short of the timeout: the first probe is still running.
        // No second call can start before the first one ends, and nothing but the timeout can end it.
        for (var i = 0; i < 49; i++)
            _time.Advance(TimeSpan.FromMilliseconds(100));
        probe.Calls.Should().Be(1);
        monitor.Snapshot.LastCheck.Should().BeNull();

        _time.Advance(TimeSpan.FromMilliseconds(100));
        await Eventually.TrueAsync(() => monitor.Snapshot.LastCheck is not null, "the timeout is recorded");
        monitor.Snapshot.LastCheck!.Result.Should().Be(ProbeResult.Unhealthy("timed out after 5s"));
        monitor.ConsecutiveFailures.Should().Be(1);
        monitor.Status.Should().Be(HealthStatus.Unknown, "one failure is not a verdict");
        probe.MaxConcurrent.Should().Be(1);
    }

    [Fact]
    public async Task The_next_probe_starts_one_interval_after_the_previous_one_finished()
    {
        var probe = new ScriptedProbe().ThenHang().Then(true, "ok");
        await using var monitor = Create(probe);
        var started = _time.GetUtcNow();
        monitor.Start();
        await Eventually.TrueAsync(() => probe.Calls == 1, "the first probe started");

        await Eventually.AdvanceUntil(_time, TimeSpan.FromSeconds(1), () => Volatile.Read(ref _checks) == 1, "the first probe timed out");
        var first = monitor.Snapshot.LastCheck!;
        first.At.Should().Be(started);
        first.Duration.Should().BeGreaterThanOrEqualTo(Timeout);

        await Eventually.AdvanceUntil(_time, TimeSpan.FromSeconds(1), () => Volatile.Read(ref _checks) == 2, "the second probe ran");
        probe.MaxConcurrent.Should().Be(1);
        // The clock is stepped while the monitor runs on the thread pool, so the second start may come a step late,
        // never early.
        monitor.Snapshot.LastCheck!.At.Should().BeOnOrAfter(first.At + first.Duration + Interval)
            .And.BeBefore(first.At + first.Duration + Interval + TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_probe_that_throws_is_a_failed_check_and_a_throwing_handler_stops_nothing()
    {
        var probe = new ScriptedProbe { Otherwise = _ => throw new InvalidOperationException("boom") };
        await using var monitor = Create(probe);
        monitor.Checked += _ => throw new InvalidOperationException("handler bug");
        monitor.Start();

        await Checked(3);
        await Eventually.TrueAsync(() => monitor.Status == HealthStatus.Unhealthy, "three failures are a verdict");
        monitor.Snapshot.LastCheck!.Result.Should().Be(ProbeResult.Unhealthy("boom"));
    }

    [Fact]
    public async Task Stopping_goes_back_to_unknown_and_a_new_start_begins_afresh()
    {
        var probe = new ScriptedProbe().Then(true, "ok").Then(false, "down").Then(true, "ok");
        await using var monitor = Create(probe);
        monitor.Start();
        await Eventually.TrueAsync(() => monitor.Status == HealthStatus.Healthy, "healthy");
        await Checked(2);
        monitor.ConsecutiveFailures.Should().Be(1);

        await monitor.StopAsync();
        monitor.IsRunning.Should().BeFalse();
        monitor.Snapshot.Should().Be(HealthSnapshot.Initial);
        Changes().Should().Equal((HealthStatus.Unknown, HealthStatus.Healthy), (HealthStatus.Healthy, HealthStatus.Unknown));
        _changes[^1].Reason.Should().Be("health checks stopped");

        monitor.Start();
        await Eventually.TrueAsync(() => monitor.Status == HealthStatus.Healthy, "healthy again");
        probe.Calls.Should().Be(3);
        monitor.ConsecutiveFailures.Should().Be(0);
    }

    [Fact]
    public async Task Stopping_cancels_a_probe_in_flight()
    {
        var probe = new ScriptedProbe().ThenHang();
        await using var monitor = Create(probe);
        monitor.Start();
        await Eventually.TrueAsync(() => probe.Calls == 1, "the probe started");

        await monitor.StopAsync().WaitAsync(Eventually.DefaultTimeout);

        probe.Completed.Should().Be(1);
        monitor.Snapshot.Should().Be(HealthSnapshot.Initial);
        Changes().Should().BeEmpty("it never left unknown");
    }

    [Fact]
    public async Task While_unknown_start_up_probes_come_soon_after_a_failed_check_and_the_first_pass_makes_it_healthy()
    {
        // Booting: the regular check and two start-up probes fail, the third start-up probe passes.
        var probe = new ScriptedProbe().Then(false, "refused").Then(false, "refused").Then(false, "refused").Then(true, "HTTP 200");
        await using var monitor = Create(probe, HealthMonitorOptions.Default);
        var started = _time.GetUtcNow();
        monitor.Start();

        await Eventually.AdvanceUntil(_time, TimeSpan.FromMilliseconds(50), () => monitor.Status == HealthStatus.Healthy, "healthy");

        (_time.GetUtcNow() - started).Should().BeLessThan(Interval / 4, "start-up probes at 100, 200 and 400 ms, not a whole interval");
        probe.Calls.Should().Be(4);
        Changes().Should().Equal((HealthStatus.Unknown, HealthStatus.Healthy));
        Volatile.Read(ref _checks).Should().Be(2, "the regular check and the passing start-up probe are recorded, failed start-up probes are not");
    }

    [Fact]
    public async Task Failed_start_up_probes_do_not_count_towards_unhealthy()
    {
        var probe = new ScriptedProbe { Otherwise = _ => Task.FromResult(ProbeResult.Unhealthy("refused")) };
        await using var monitor = Create(probe, HealthMonitorOptions.Default);
        monitor.Start();

        await Checked(2);
        monitor.Status.Should().Be(HealthStatus.Unknown, "two regular checks failed, however many start-up probes did");
        monitor.ConsecutiveFailures.Should().Be(2);
        probe.Calls.Should().BeGreaterThan(2);

        await Checked(3);
        monitor.Status.Should().Be(HealthStatus.Unhealthy);
    }

    [Fact]
    public async Task Once_healthy_a_failure_waits_for_the_next_regular_check()
    {
        var probe = new ScriptedProbe().Then(true, "up").Then(false, "down").Then(true, "up");
        await using var monitor = Create(probe, HealthMonitorOptions.Default);
        monitor.Start();
        await Checked(3);

        probe.Calls.Should().Be(3, "start-up probes are only for an instance whose health is still unknown");
        monitor.Status.Should().Be(HealthStatus.Healthy);
    }
}
