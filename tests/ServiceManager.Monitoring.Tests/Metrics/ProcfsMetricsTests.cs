using ServiceManager.Monitoring.Metrics;
using ServiceManager.Monitoring.Tests.Support;
using ServiceManager.Monitoring.Unix;

namespace ServiceManager.Monitoring.Tests.Metrics;

/// <summary>Real children in sessions of their own, sampled from the real /proc on the real clock.</summary>
[Collection(SerialCollection.Name)]
public sealed class ProcfsMetricsTests : IAsyncLifetime
{
    private readonly Children _children = new();
    private readonly MetricsSampler _sampler = new(TimeProvider.System,
        new MetricsSamplerOptions { Interval = TimeSpan.FromMilliseconds(250), HistoryLength = 400 });

    public Task InitializeAsync() => Task.CompletedTask;

    // IAsyncLifetime, not IAsyncDisposable: xunit 2 only awaits the former, and a test class that is never disposed
    // leaves its busy loops running after the test host exits.
    public async Task DisposeAsync()
    {
        await _sampler.DisposeAsync();
        _children.Dispose();
    }

    private static bool Latest(MetricsSampler sampler, string id, Func<InstanceMetrics, bool> condition) =>
        sampler.TryGetLatest(id, out var sample) && condition(sample.Metrics);

    [Fact]
    public async Task A_group_that_burns_cpu_shows_it_summed_over_its_processes()
    {
        // Four busy loops in one group (three background subshells and the shell itself). The threshold is what four
        // runnable tasks get even on a 2-core machine at load average 40 (a fair share of 200% x 4/44 is 18%); a
        // sleeping group shows 0.
        var burner = _children.Sh("for i in 1 2 3; do (while :; do :; done) & done; while :; do :; done");
        _sampler.Track("burner", burner.Pid);
        _sampler.Start();

        await Eventually.TrueAsync(() => _sampler.GetHistory("burner").Any(s => s.Metrics.CpuPercent > 10),
            "a sample shows more than 10% CPU");

        _sampler.TryGetLatest("burner", out var latest).Should().BeTrue();
        latest.Metrics.Processes.Should().Be(4);
        latest.Metrics.Threads.Should().Be(4);
        latest.Metrics.RssBytes.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_process_that_allocates_shows_its_rss()
    {
        var python = _children.Start("python3", "-c", "b=bytearray(100_000_000); import time; time.sleep(60)");
        _sampler.Track("python", python.Pid);
        _sampler.Start();

        await Eventually.TrueAsync(() => Latest(_sampler, "python", m => m.RssBytes > 90_000_000), "RSS passes 90 MB");

        _sampler.TryGetLatest("python", out var sample).Should().BeTrue();
        sample.Metrics.Processes.Should().Be(1);
        sample.Metrics.Threads.Should().BeInRange(1, 64);
        sample.Metrics.OpenFds.Should().BeInRange(3, 64, "at least stdin, stdout and stderr");
        sample.Metrics.RssBytes.Should().BeLessThan(1L << 30);
    }

    [Fact]
    public async Task A_sleeping_process_has_one_thread_three_fds_no_cpu_and_a_growing_uptime()
    {
        var sleeper = _children.Start("sleep", "300");
        _sampler.Track("sleeper", sleeper.Pid);
        _sampler.SampleNow();
        _sampler.TryGetLatest("sleeper", out var first).Should().BeTrue();

        await Eventually.TrueAsync(() =>
        {
            _sampler.SampleNow();
            return Latest(_sampler, "sleeper", m => m.Uptime > first.Metrics.Uptime);
        }, "uptime grows");

        _sampler.TryGetLatest("sleeper", out var sample).Should().BeTrue();
        sample.Metrics.Should().Match<InstanceMetrics>(m =>
            m.Processes == 1 && m.Threads == 1 && m.OpenFds == 3 && m.CpuPercent < 5 && m.Uptime < TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task A_group_that_is_gone_reports_no_processes()
    {
        var child = _children.Sh("exit 0");
        await child.Exited.WaitAsync(Eventually.DefaultTimeout);
        _sampler.Track("gone", child.Pid);

        _sampler.SampleNow();

        _sampler.TryGetLatest("gone", out var sample).Should().BeTrue();
        sample.Metrics.Should().Be(new InstanceMetrics(null, 0, 0, 0, TimeSpan.Zero, 0));
    }

    [Fact]
    public async Task System_metrics_are_read_from_proc()
    {
        _sampler.SampleNow();
        var first = _sampler.LatestSystem!.Value;
        await Eventually.TrueAsync(() =>
        {
            _sampler.SampleNow();
            return _sampler.LatestSystem!.Value.CpuPercent is not null;
        }, "a second sample gives a CPU rate");

        var system = _sampler.LatestSystem!.Value;
        system.CpuPercent.Should().BeInRange(0, 100);
        system.CpuCount.Should().BeGreaterThan(0);
        system.MemoryTotalBytes.Should().BeGreaterThan(64L << 20);
        system.MemoryAvailableBytes.Should().BeInRange(1, system.MemoryTotalBytes);
        system.LoadAverage1.Should().BeGreaterThanOrEqualTo(0);
        system.LoadAverage15.Should().BeGreaterThanOrEqualTo(0);
        system.Uptime.Should().BeGreaterThanOrEqualTo(first.Uptime).And.BeGreaterThan(TimeSpan.Zero);
    }

    [Fact]
    public void The_procfs_source_sees_this_process()
    {
        var source = new ProcfsStatsSource();
        var all = new List<ProcessSample>();

        source.ReadProcesses(all);

        source.ClockTicksPerSecond.Should().BeGreaterThan(0);
        var self = all.Single(p => p.Pid == Environment.ProcessId);
        self.Threads.Should().BeGreaterThan(1);
        self.RssPages.Should().BeGreaterThan(0);
        source.CountOpenFds(Environment.ProcessId).Should().BeGreaterThan(3);
        source.CountOpenFds(int.MaxValue).Should().Be(-1);
        all.Should().Contain(p => p.Pid == 1);
    }

    [CgroupV2Fact]
    public void The_procfs_source_reads_the_members_of_a_cgroup()
    {
        var members = new List<int>();

        new ProcfsStatsSource().ReadCgroupMembers(CgroupV2FactAttribute.OwnDirectory!, members);

        members.Should().Contain(Environment.ProcessId);
        new ProcfsStatsSource().ReadCgroupMembers("/nonexistent", members);
        members.Should().BeEmpty();
    }
}
