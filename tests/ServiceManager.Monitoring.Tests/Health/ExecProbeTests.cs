using ServiceManager.Config.Model;
using ServiceManager.Monitoring.Health;
using ServiceManager.Monitoring.Tests.Support;

namespace ServiceManager.Monitoring.Tests.Health;

/// <summary><c>exec:</c> checks run real shells in sessions of their own.</summary>
public sealed class ExecProbeTests : IDisposable
{
    private readonly Children _children = new();
    private readonly HealthProbeFactory _factory;
    private readonly string _dir = Directory.CreateTempSubdirectory("svcmgr-exec-probe-").FullName;

    public ExecProbeTests() => _factory = new HealthProbeFactory(_children.Spawner);

    public void Dispose()
    {
        _factory.Dispose();
        _children.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private IHealthProbe Probe(string endpoint, Dictionary<string, string>? env = null) =>
        _factory.Create(endpoint, env ?? Children.InheritedEnvironment(), _dir);

    private static async Task<ProbeResult> Once(IHealthProbe probe)
    {
        using var cts = new CancellationTokenSource(Eventually.DefaultTimeout);
        return await probe.ProbeAsync(cts.Token);
    }

    [Fact]
    public async Task Exit_zero_is_healthy_and_anything_else_is_not()
    {
        (await Once(Probe("exec:true"))).Should().Be(ProbeResult.Healthy("exit code 0"));
        (await Once(Probe("exec:false"))).Should().Be(ProbeResult.Unhealthy("exit code 1"));
        (await Once(Probe("exec: exit 7"))).Should().Be(ProbeResult.Unhealthy("exit code 7"));
    }

    [Fact]
    public async Task The_tail_of_the_output_explains_the_result()
    {
        var result = await Once(Probe("exec:echo starting; echo 'db: connection refused' >&2; exit 2"));

        result.Should().Be(ProbeResult.Unhealthy("exit code 2: starting db: connection refused"));
    }

    [Fact]
    public async Task The_command_runs_with_the_given_environment_and_directory()
    {
        var env = Children.InheritedEnvironment();
        env["PORT"] = "8123";

        var result = await Once(Probe("exec:test \"$PORT\" = 8123 && test \"$(pwd)\" = \"" + _dir + "\"", env));

        result.IsHealthy.Should().BeTrue(result.Detail);
    }

    [Fact]
    public async Task A_command_past_the_timeout_is_a_failure_and_its_whole_group_is_killed()
    {
        var pidFile = Path.Combine(_dir, "pid");
        // The shell records its pid (= its group), then waits on a grandchild that would outlive a plain kill.
        var endpoint = $"exec:echo $$ > '{pidFile}'; sleep 300 & wait";
        var settings = new HealthCheckSettings(endpoint, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(300));
        await using var monitor = new HealthMonitor("web-1", Probe(endpoint), settings, TimeProvider.System);

        monitor.Start();
        await Eventually.TrueAsync(() => monitor.Snapshot.LastCheck is not null, "the probe timed out");

        monitor.Snapshot.LastCheck!.Result.Should().Be(ProbeResult.Unhealthy("timed out after 300ms"));
        var group = int.Parse(await File.ReadAllTextAsync(pidFile), System.Globalization.CultureInfo.InvariantCulture);
        // SIGKILL is delivered by the time the probe returns, but the kernel tears the sleep down asynchronously.
        await Eventually.TrueAsync(() => ProcessGroups.LiveMembers(group).Count == 0, "the probe's group is gone");
    }

    [Fact]
    public async Task Background_jobs_a_passing_command_leaves_behind_are_killed()
    {
        var pidFile = Path.Combine(_dir, "pid");

        var result = await Once(Probe($"exec:sleep 300 & echo $$ > '{pidFile}'"));

        result.IsHealthy.Should().BeTrue();
        var group = int.Parse(await File.ReadAllTextAsync(pidFile), System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.TrueAsync(() => ProcessGroups.LiveMembers(group).Count == 0, "the background sleep is gone");
    }

    [Fact]
    public async Task A_missing_working_directory_is_a_failed_check_not_an_exception()
    {
        var probe = _factory.Create("exec:true", Children.InheritedEnvironment(), Path.Combine(_dir, "missing"));

        var result = await Once(probe);

        result.IsHealthy.Should().BeFalse();
        result.Detail.Should().Contain("does not exist");
    }
}
