using ServiceManager.Monitoring.Metrics;

namespace ServiceManager.Monitoring.Tests.Metrics;

public sealed class MemoryLimitTests
{
    private static InstanceMetrics Rss(long bytes, int processes = 1) => new(1.0, bytes, 1, 3, TimeSpan.FromSeconds(5), processes);

    [Fact]
    public void One_sample_over_the_limit_is_a_verdict_with_a_reason()
    {
        var limit = new MemoryLimit(500L << 20);

        limit.Observe(Rss(500L << 20)).Should().BeNull("at the limit is not over it");
        var verdict = limit.Observe(Rss((long)(612.3 * (1 << 20)), processes: 3));

        verdict.Should().NotBeNull();
        verdict!.Reason.Should().Be("memory 612M exceeds max_memory 500M by 112M (3 processes)");
        verdict.MaxBytes.Should().Be(500L << 20);
    }

    [Fact]
    public void A_sample_just_over_the_limit_says_by_how_much() =>
        new MemoryLimit(500L << 20).Observe(Rss((500L << 20) + (400 << 10)))!.Reason
            .Should().Be("memory 500M exceeds max_memory 500M by 400K (1 process)");

    [Fact]
    public void Requiring_several_samples_tolerates_a_spike()
    {
        var limit = new MemoryLimit(100, samplesRequired: 3);

        limit.Observe(Rss(200)).Should().BeNull();
        limit.Observe(Rss(200)).Should().BeNull();
        limit.Observe(Rss(50)).Should().BeNull("back under: the count starts again");
        limit.Observe(Rss(200)).Should().BeNull();
        limit.Observe(Rss(200)).Should().BeNull();
        limit.Observe(Rss(200))!.Reason.Should().Be("memory 200B exceeds max_memory 100B by 100B (1 process, 3 samples in a row)");

        limit.Reset();
        limit.Observe(Rss(200)).Should().BeNull();
    }
}
