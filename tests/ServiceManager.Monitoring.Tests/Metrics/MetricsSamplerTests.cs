using Microsoft.Extensions.Time.Testing;
using ServiceManager.Monitoring.Metrics;
using ServiceManager.Monitoring.Tests.Support;

namespace ServiceManager.Monitoring.Tests.Metrics;

/// <summary>The sampler's arithmetic on a hand-made process table (USER_HZ 100) and a fake clock.</summary>
public sealed class MetricsSamplerTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.Zero));
    private readonly FakeStatsSource _source = new();
    private readonly MetricsSampler _sampler;
    private double _uptime = 1000;

    public MetricsSamplerTests()
    {
        _sampler = new MetricsSampler(_source, _time, new MetricsSamplerOptions { Interval = Interval, HistoryLength = 4 });
        _source.SetSystem(_uptime);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _sampler.DisposeAsync().AsTask();

    /// <summary>Moves both clocks (wall and /proc/uptime) on by one interval, then samples.</summary>
    private InstanceMetrics Next(string id = "web-1")
    {
        _time.Advance(Interval);
        _uptime += Interval.TotalSeconds;
        _source.System = _source.System!.Value with { UptimeSeconds = _uptime };
        _sampler.SampleNow();
        _sampler.TryGetLatest(id, out var sample).Should().BeTrue();
        return sample.Metrics;
    }

    [Fact]
    public void Cpu_is_the_tick_delta_over_wall_time_per_core_and_null_on_the_first_sample()
    {
        _source.Set(100, group: 100, cpuTicks: 5000, threads: 3, rssPages: 256, startTicks: 40_000);
        _sampler.Track("web-1", 100);

        _sampler.SampleNow();
        _sampler.TryGetLatest("web-1", out var first).Should().BeTrue();
        first.Metrics.CpuPercent.Should().BeNull("a rate needs two samples");
        first.Metrics.Should().Be(new InstanceMetrics(null, 256 * 4096, 3, 0, TimeSpan.FromSeconds(600), 1));
        first.At.Should().Be(_time.GetUtcNow());

        _source.Set(100, group: 100, cpuTicks: 5000 + 150, threads: 3, rssPages: 256, startTicks: 40_000);
        Next().CpuPercent.Should().BeApproximately(75, 0.001, "150 ticks = 1.5 s of CPU in 2 s");

        _source.Set(100, group: 100, cpuTicks: 5150 + 100, threads: 3, rssPages: 256, startTicks: 40_000);
        Next().CpuPercent.Should().BeApproximately(50, 0.001);
    }

    [Fact]
    public void Every_process_of_the_group_and_of_the_session_counts_and_nothing_else()
    {
        _source.Set(100, group: 100, cpuTicks: 0, threads: 2, rssPages: 100, startTicks: 40_000);
        _source.Set(101, group: 100, cpuTicks: 0, threads: 4, rssPages: 50, startTicks: 40_010);
        _source.Set(102, group: 102, session: 100, cpuTicks: 0, threads: 1, rssPages: 10, startTicks: 40_020); // a shell job
        _source.Set(103, group: 100, cpuTicks: 0, threads: 1, rssPages: 999, startTicks: 40_030, state: 'Z');
        _source.Set(200, group: 200, cpuTicks: 0, threads: 9, rssPages: 9999, startTicks: 1);                  // someone else
        _source.OpenFds[100] = 5;
        _source.OpenFds[101] = 4;
        _source.OpenFds[102] = 3;
        _sampler.Track("web-1", 100);
        _sampler.SampleNow();

        _source.Set(100, group: 100, cpuTicks: 100, threads: 2, rssPages: 100, startTicks: 40_000);
        _source.Set(101, group: 100, cpuTicks: 200, threads: 4, rssPages: 50, startTicks: 40_010);
        _source.Set(102, group: 102, session: 100, cpuTicks: 50, threads: 1, rssPages: 10, startTicks: 40_020);
        _source.Set(200, group: 200, cpuTicks: 1000, threads: 9, rssPages: 9999, startTicks: 1);
        var metrics = Next();

        metrics.Processes.Should().Be(3, "the zombie and the stranger are left out");
        metrics.Threads.Should().Be(7);
        metrics.RssBytes.Should().Be(160 * 4096);
        metrics.OpenFds.Should().Be(12);
        metrics.CpuPercent.Should().BeApproximately(175, 0.001, "350 ticks in 2 s: more than one core");
    }

    [Fact]
    public void In_a_cgroup_a_process_that_left_the_group_and_session_still_counts()
    {
        _source.Set(100, group: 100, cpuTicks: 0, threads: 1, rssPages: 100, startTicks: 40_000);
        _source.Set(300, group: 300, cpuTicks: 0, threads: 2, rssPages: 1000, startTicks: 40_100); // setsid escapee
        _source.Set(400, group: 400, cpuTicks: 0, threads: 1, rssPages: 7, startTicks: 1);          // someone else
        _source.Cgroups["/cg/web-1@1"] = [100, 300];
        _sampler.Track("web-1", 100, "/cg/web-1@1");

        _sampler.SampleNow();
        _sampler.TryGetLatest("web-1", out var sample).Should().BeTrue();

        sample.Metrics.Processes.Should().Be(2);
        sample.Metrics.RssBytes.Should().Be(1100 * 4096, "the escapee's memory is the instance's");
        _sampler.Track("web-1", 100);
        Next().Processes.Should().Be(1, "without the cgroup only the group and session count");
    }

    [Fact]
    public void A_process_born_between_samples_counts_all_its_ticks_and_one_that_exits_stops_counting()
    {
        _source.Set(100, group: 100, cpuTicks: 0, startTicks: 40_000);
        _sampler.Track("web-1", 100);
        _sampler.SampleNow();

        // Forked half a second after the last sample (uptime then was 1000 s = 100_000 ticks).
        _source.Set(101, group: 100, cpuTicks: 80, startTicks: 100_050);
        Next().CpuPercent.Should().BeApproximately(40, 0.001);

        _source.Remove(101);
        var metrics = Next();
        metrics.CpuPercent.Should().Be(0);
        metrics.Processes.Should().Be(1);
    }

    [Fact]
    public void A_recycled_pid_is_a_new_process_not_a_jump_in_ticks()
    {
        _source.Set(100, group: 100, cpuTicks: 0, startTicks: 40_000);
        _source.Set(101, group: 100, cpuTicks: 10_000, startTicks: 40_000);
        _sampler.Track("web-1", 100);
        _sampler.SampleNow();

        // 101 exited and its pid was reused within the interval by a new member with 20 ticks.
        _source.Set(101, group: 100, cpuTicks: 20, startTicks: 100_100);
        Next().CpuPercent.Should().BeApproximately(10, 0.001);
    }

    [Fact]
    public void Uptime_follows_the_leader_and_then_the_oldest_survivor()
    {
        _source.Set(100, group: 100, cpuTicks: 0, startTicks: 90_000);
        _source.Set(101, group: 100, cpuTicks: 0, startTicks: 95_000);
        _sampler.Track("web-1", 100);

        Next().Uptime.Should().Be(TimeSpan.FromSeconds(1002 - 900));
        _source.Remove(100);
        Next().Uptime.Should().Be(TimeSpan.FromSeconds(1004 - 950));
        _source.Remove(101);
        var gone = Next();
        gone.Processes.Should().Be(0);
        gone.Uptime.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void A_restart_on_a_new_pid_keeps_the_history_but_starts_the_cpu_rate_afresh()
    {
        _source.Set(100, group: 100, cpuTicks: 0, startTicks: 40_000);
        _sampler.Track("web-1", 100);
        _sampler.SampleNow();
        _source.Set(100, group: 100, cpuTicks: 100, startTicks: 40_000);
        Next().CpuPercent.Should().NotBeNull();

        _source.Remove(100);
        _source.Set(300, group: 300, cpuTicks: 5000, startTicks: 100_300);
        _sampler.Track("web-1", 300);
        Next().CpuPercent.Should().BeNull();
        _sampler.GetHistory("web-1").Should().HaveCount(3);
    }

    [Fact]
    public void Untracked_instances_keep_their_history_until_forgotten()
    {
        _source.Set(100, group: 100, cpuTicks: 0, startTicks: 40_000);
        _sampler.Track("web-1", 100);
        Next();

        _sampler.Untrack("web-1");
        _sampler.SampleNow();
        _sampler.TryGetLatest("web-1", out _).Should().BeFalse();
        _sampler.GetHistory("web-1").Should().HaveCount(1);
        _sampler.Snapshot().Instances.Should().BeEmpty();

        _sampler.Forget("web-1");
        _sampler.GetHistory("web-1").Should().BeEmpty();
    }

    [Fact]
    public void History_keeps_the_last_samples_oldest_first()
    {
        _source.Set(100, group: 100, cpuTicks: 0, startTicks: 40_000);
        _sampler.Track("web-1", 100);
        var times = new List<DateTimeOffset>();
        for (var i = 0; i < 6; i++)
        {
            Next();
            times.Add(_time.GetUtcNow());
        }

        _sampler.GetHistory("web-1").Select(s => s.At).Should().Equal(times.TakeLast(4));
    }

    [Fact]
    public void System_cpu_is_the_busy_share_of_all_cores_and_memory_and_load_pass_through()
    {
        _source.SetSystem(1000, busy: 1_000, total: 10_000);
        _sampler.SampleNow();
        _sampler.LatestSystem!.Value.CpuPercent.Should().BeNull();

        _source.SetSystem(1002, busy: 1_100, total: 10_400);
        _sampler.SampleNow();

        var system = _sampler.LatestSystem!.Value;
        system.CpuPercent.Should().BeApproximately(25, 0.001);
        (system.LoadAverage1, system.LoadAverage5, system.LoadAverage15).Should().Be((0.5, 0.25, 0.125));
        system.MemoryTotalBytes.Should().Be(8L << 30);
        system.MemoryUsedBytes.Should().Be(2L << 30);
        system.Uptime.Should().Be(TimeSpan.FromSeconds(1002));
        system.CpuCount.Should().Be(Environment.ProcessorCount);
    }

    [Fact]
    public void Without_instances_no_process_table_is_read()
    {
        _sampler.SampleNow();

        _source.ProcessReads.Should().Be(0);
        _sampler.Snapshot().System.Should().NotBeNull();
    }

    [Fact]
    public async Task The_timer_samples_every_interval_and_raises_sampled()
    {
        _source.Set(100, group: 100, cpuTicks: 0, startTicks: 40_000);
        _sampler.Track("web-1", 100);
        var raised = 0;
        _sampler.Sampled += (_, _) => Interlocked.Increment(ref raised);

        _sampler.Start();
        await Eventually.TrueAsync(() => Volatile.Read(ref raised) == 1, "the first cycle runs at once");
        await Eventually.AdvanceUntil(_time, Interval, () => Volatile.Read(ref raised) >= 3, "two more cycles");
        await _sampler.StopAsync();

        _sampler.GetHistory("web-1").Length.Should().BeGreaterThanOrEqualTo(3);
        var snapshot = _sampler.Snapshot();
        snapshot.Instances.Should().ContainKey("web-1");
        snapshot.At.Should().Be(snapshot.Instances["web-1"].At);
    }
}
