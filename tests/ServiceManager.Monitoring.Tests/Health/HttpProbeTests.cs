using ServiceManager.Config.Model;
using ServiceManager.Monitoring.Health;
using ServiceManager.Monitoring.Tests.Support;

namespace ServiceManager.Monitoring.Tests.Health;

/// <summary>HTTP checks against a real server on 127.0.0.1, on the real clock.</summary>
public sealed class HttpProbeTests : IDisposable
{
    private readonly Children _children = new();
    private readonly HealthProbeFactory _factory;

    public HttpProbeTests() => _factory = new HealthProbeFactory(_children.Spawner);

    public void Dispose()
    {
        _factory.Dispose();
        _children.Dispose();
    }

    private IHealthProbe Probe(string url) => _factory.Create(url, Children.InheritedEnvironment(), Path.GetTempPath());

    private static async Task<ProbeResult> Once(IHealthProbe probe, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Eventually.DefaultTimeout);
        return await probe.ProbeAsync(cts.Token);
    }

    [Fact]
    public async Task An_endpoint_that_flips_from_200_to_500_is_unknown_then_healthy_then_unhealthy_after_three_failures()
    {
        await using var server = new TestHttpServer();
        var changes = new List<(HealthChange Change, int ServedErrors)>();
        await using var monitor = new HealthMonitor("web-1", Probe(server.Url),
            new HealthCheckSettings(server.Url, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(10)), TimeProvider.System);
        monitor.HealthChanged += c =>
        {
            lock (changes) changes.Add((c, server.CountOf(500)));
        };

        monitor.Status.Should().Be(HealthStatus.Unknown);
        monitor.Start();
        await Eventually.TrueAsync(() => monitor.Status == HealthStatus.Healthy, "healthy");
        server.StatusCode = 500;
        await Eventually.TrueAsync(() => monitor.Status == HealthStatus.Unhealthy, "unhealthy");

        lock (changes)
        {
            changes.Select(c => (c.Change.Old, c.Change.New)).Should().Equal(
                (HealthStatus.Unknown, HealthStatus.Healthy), (HealthStatus.Healthy, HealthStatus.Unhealthy));
            changes[0].Change.Reason.Should().Be("check passed: HTTP 200");
            changes[1].Change.Reason.Should().Be("3 consecutive checks failed: HTTP 500");
            changes[1].ServedErrors.Should().Be(3, "the change is declared on the third failure, not before or after");
        }
        monitor.ConsecutiveFailures.Should().BeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task A_slow_endpoint_never_gets_two_probes_at_once()
    {
        await using var server = new TestHttpServer { Delay = TimeSpan.FromMilliseconds(300) };
        await using var monitor = new HealthMonitor("web-1", Probe(server.Url),
            new HealthCheckSettings(server.Url, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(10)), TimeProvider.System);

        monitor.Start();
        await Eventually.TrueAsync(() => server.Requests >= 4, "four slow requests were served");
        await monitor.StopAsync();

        server.MaxConcurrent.Should().Be(1);
        monitor.Status.Should().Be(HealthStatus.Unknown, "stopped");
    }

    [Fact]
    public async Task A_response_later_than_the_timeout_is_a_failure()
    {
        await using var server = new TestHttpServer { Delay = TimeSpan.FromSeconds(30) };
        var settings = new HealthCheckSettings(server.Url, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(200));
        await using var monitor = new HealthMonitor("web-1", Probe(server.Url), settings, TimeProvider.System);

        monitor.Start();
        await Eventually.TrueAsync(() => monitor.Snapshot.LastCheck is not null, "the probe ended");

        monitor.Snapshot.LastCheck!.Result.Should().Be(ProbeResult.Unhealthy("timed out after 200ms"));
    }

    [Theory]
    [InlineData(204, true)]
    [InlineData(302, true)]
    [InlineData(399, true)]
    [InlineData(404, false)]
    [InlineData(503, false)]
    public async Task Two_and_three_hundreds_are_healthy_and_redirects_are_not_followed(int code, bool healthy)
    {
        await using var server = new TestHttpServer { StatusCode = code };

        var result = await Once(Probe(server.Url));

        result.Should().Be(new ProbeResult(healthy, $"HTTP {code}"));
        server.Requests.Should().Be(1);
    }

    [Fact]
    public async Task A_closed_port_is_unhealthy_with_connection_refused()
    {
        var port = ClosedPort.Get();

        var result = await Once(Probe($"http://127.0.0.1:{port}/health"));

        result.Should().Be(ProbeResult.Unhealthy("connection refused"));
    }
}
