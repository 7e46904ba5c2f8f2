using System.Text.Json;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.EndToEnd.Tests.Monitoring;

/// <summary>Health checks of real instances against real endpoints.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task An_http_endpoint_that_flips_from_200_to_500_turns_healthy_then_unhealthy_with_events()
    {
        await using var server = new FlippingHttpServer();
        using var home = new TestHome();
        home.WriteConfig($"""
            [instances.api]
            start_command = "sleep 1000"
            health_endpoint = "{server.Url}"
            health_interval_ms = 100
            health_timeout_ms = 2000
            """);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await using var client = await daemon.ConnectAsync();
        // Subscribed before the start, so the first verdict is among the events.
        await client.EventsAsync();
        (await Svcmgr.RunAsync(home.Path, "start", "api")).ExitCode.Should().Be(0);

        await Instances.WaitForAsync(daemon, "api", s => s.Health == "healthy", "to be healthy");
        (await Instances.StatusAsync(daemon, "api")).Health.Should().Be("healthy");

        server.Status = 500;
        await Instances.WaitForAsync(daemon, "api", s => s.Health == "unhealthy", "to be unhealthy");
        var text = await Svcmgr.RunAsync(home.Path, "list");
        TextTable.Parse(text.Stdout).Row("NAME", "api")["HEALTH"].Should().Be("unhealthy");

        var changes = new List<EventNotification>();
        using var cancel = new CancellationTokenSource(Eventually.DefaultTimeout);
        await foreach (var notification in client.Notifications.ReadAllAsync(cancel.Token))
        {
            if (notification.Method != RpcMethods.EventNotification) continue;
            var e = notification.Params.Deserialize(ProtocolJsonContext.Default.EventNotification)!;
            if (e.Type != EventTypes.HealthChanged || e.Instance != "api") continue;
            changes.Add(e);
            if (e.To == "unhealthy") break;
        }

        changes.Select(c => (c.From, c.To)).Should().ContainInOrder(("unknown", "healthy"), ("healthy", "unhealthy"));
        changes[^1].Reason.Should().Contain("500");
    }

    [Fact]
    public async Task A_booting_service_turns_healthy_soon_after_it_answers_not_a_whole_interval_later()
    {
        await using var server = new FlippingHttpServer { Status = 503 };
        using var home = new TestHome();
        home.WriteConfig($"""
            [instances.api]
            start_command = "sleep 1000"
            health_endpoint = "{server.Url}"
            health_interval_ms = 600000

            [instances.worker]
            start_command = "sleep 1000"
            depends_on = ["api"]
            """);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        (await Svcmgr.RunAsync(home.Path, "start", "api")).ExitCode.Should().Be(0);
        var starting = Svcmgr.RunAsync(home.Path, "start", "worker");
        await Eventually.TrueAsync(() => server.Requests >= 1, "the first check (it fails: still booting)");

        server.Status = 200;

        // The next regular check is ten minutes away: only the start-up probes can see it answer now.
        await Instances.WaitForAsync(daemon, "api", s => s.Health == "healthy", "to be healthy");
        var worker = await starting;
        worker.ExitCode.Should().Be(0, worker.ToString());
        await Instances.WaitForStateAsync(daemon, "worker", "running");
    }

    [Fact]
    public async Task An_instance_without_a_health_check_stays_unknown_and_a_stopped_one_reads_unknown()
    {
        await using var server = new FlippingHttpServer();
        using var home = new TestHome();
        home.WriteConfig($"""
            [instances.api]
            start_command = "sleep 1000"
            auto_start = true
            health_endpoint = "tcp://127.0.0.1:{server.Port}"
            health_interval_ms = 100

            [instances.plain]
            start_command = "sleep 1000"
            auto_start = true
            """);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await Instances.WaitForAsync(daemon, "api", s => s.Health == "healthy", "to be healthy over tcp");
        (await Instances.GetAsync(daemon, "plain")).Health.Should().Be("unknown");

        (await Svcmgr.RunAsync(home.Path, "stop", "api")).ExitCode.Should().Be(0);
        await Instances.WaitForAsync(daemon, "api", s => s.State == "stopped" && s.Health == "unknown", "to be stopped and unknown");
    }

    [Fact]
    public async Task Restart_on_unhealthy_restarts_the_instance_with_the_health_reason_in_its_transitions()
    {
        await using var server = new FlippingHttpServer();
        using var home = new TestHome();
        home.WriteConfig($"""
            [instances.api]
            start_command = "sleep 1000"
            auto_start = true
            health_endpoint = "{server.Url}"
            health_interval_ms = 100
            restart_on_unhealthy = true
            """);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        var healthy = await Instances.WaitForAsync(daemon, "api", s => s.Health == "healthy", "to be healthy");

        server.Status = 500;
        var restarted = await Eventually.GetAsync(() => Instances.StatusAsync(daemon, "api"),
            d => d.Transitions.Any(t => t.Reason.Contains("health check failed", StringComparison.Ordinal)),
            "a restart for failed health checks");
        server.Status = 200;

        restarted.Transitions.Should().Contain(t => t.From == "running" && t.Reason.Contains("HTTP 500", StringComparison.Ordinal));
        var after = await Instances.WaitForAsync(daemon, "api", s => s.State == "running" && s.Health == "healthy" && s.Pid != healthy.Pid,
            "to run again, healthy, with a new child");
        after.Restarts.Should().BePositive();
    }

    [Fact]
    public async Task An_exec_probe_runs_with_the_instance_environment_and_working_directory()
    {
        using var home = new TestHome();
        var work = Directory.CreateDirectory(Path.Combine(home.Path, "work")).FullName;
        home.WriteConfig($"""
            [instances.api]
            start_command = "sleep 1000"
            auto_start = true
            working_dir = "{work}"
            health_endpoint = 'exec:test "$PROBE_TOKEN" = ok-42 && test -f marker'
            health_interval_ms = 100

            [instances.api.env]
            PROBE_TOKEN = "ok-42"
            """);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await Instances.WaitForStateAsync(daemon, "api", "running");
        (await Instances.GetAsync(daemon, "api")).Health.Should().NotBe("healthy", "the marker file is not there yet");

        await File.WriteAllTextAsync(Path.Combine(work, "marker"), "");

        await Instances.WaitForAsync(daemon, "api", s => s.Health == "healthy", "to be healthy once the marker exists");
    }
}
