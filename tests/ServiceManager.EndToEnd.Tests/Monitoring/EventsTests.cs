using System.Text.Json;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.EndToEnd.Tests.Monitoring;

/// <summary>The <c>events</c> subscription and <c>svcmgr events</c> against a real daemon and real children.</summary>
public sealed class EventsTests
{
    private const string Config = """
        [instances.victim]
        start_command = "sleep 1000"
        auto_start = true
        restart = "on-failure"
        """;

    [Fact]
    public async Task A_subscriber_sees_a_crash_of_a_child_as_state_changed_from_running()
    {
        using var home = new TestHome();
        home.WriteConfig(Config);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        var pid = await Instances.RunningPidAsync(daemon, "victim");

        await using var client = await daemon.ConnectAsync();
        var subscription = (await client.EventsAsync()).Subscription;
        subscription.Should().NotBeNullOrEmpty();

        ServiceManager.Platform.Unix.UnixProcess.Signal(pid, 9);

        using var cancel = new CancellationTokenSource(Eventually.DefaultTimeout);
        EventNotification? crash = null;
        await foreach (var notification in client.Notifications.ReadAllAsync(cancel.Token))
        {
            if (notification.Method != RpcMethods.EventNotification) continue;
            var e = notification.Params.Deserialize(ProtocolJsonContext.Default.EventNotification)!;
            e.Subscription.Should().Be(subscription);
            if (e.Type == EventTypes.StateChanged && e.Instance == "victim" && e.From == "running")
            {
                crash = e;
                break;
            }
        }

        crash.Should().NotBeNull();
        crash!.To.Should().BeOneOf("restarting", "stopped", "failed");
        crash.Reason.Should().Contain("SIGKILL");
        crash.Signal.Should().Be("SIGKILL");
        crash.ExitCode.Should().BeNull();
        crash.StderrTail.Should().NotBeNull("a crash quotes the child's stderr, even when it wrote none");
    }

    [Fact]
    public async Task Svcmgr_events_shows_why_a_child_crashed_with_its_last_stderr_lines()
    {
        using var home = new TestHome();
        home.WriteConfig("""
            [instances.victim]
            start_command = "sleep 1000"
            auto_start = true

            [instances.fragile]
            start_command = ["/bin/sh", "-c", "read _ < /dev/null; echo 'opening db' >&2; echo 'fatal: db locked' >&2; exit 7"]
            restart = "never"
            """);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await Instances.WaitForStateAsync(daemon, "victim", "running");
        await using var cli = StreamingCli.Start(home.Path, "events");
        await cli.ReadUntilAsync(l => l.Contains("metrics_updated", StringComparison.Ordinal), "the stream to be live");

        (await Svcmgr.RunAsync(home.Path, "start", "fragile")).ExitCode.Should().Be(0);

        var lines = await cli.ReadUntilAsync(l => l.Contains("stderr| fatal: db locked", StringComparison.Ordinal), "the crash's stderr tail");
        var crash = lines.Last(l => l.Contains("fragile  running -> stopped", StringComparison.Ordinal));
        crash.Should().Contain("exited with code 7");
        lines.Should().Contain(l => l.EndsWith("stderr| opening db", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Svcmgr_events_json_streams_state_changes_and_metrics_updates()
    {
        using var home = new TestHome();
        home.WriteConfig(Config);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await Instances.WaitForStateAsync(daemon, "victim", "running");

        await using var cli = StreamingCli.Start(home.Path, "events", "--json");
        // The first metrics_updated proves the subscription is live before the stop is requested.
        var metrics = await cli.ReadUntilAsync(l => l.Contains("\"metrics_updated\"", StringComparison.Ordinal), "a metrics_updated event");
        using (var document = JsonDocument.Parse(metrics[^1]))
        {
            document.RootElement.GetProperty("system").GetProperty("memoryTotalBytes").GetInt64().Should().BePositive();
            document.RootElement.TryGetProperty("from", out _).Should().BeFalse("fields a type does not use are left out");
        }

        (await Svcmgr.RunAsync(home.Path, "stop", "victim")).ExitCode.Should().Be(0);

        var lines = await cli.ReadUntilAsync(l => l.Contains("\"to\":\"stopped\"", StringComparison.Ordinal), "victim's stop");
        using var stopped = JsonDocument.Parse(lines[^1]);
        stopped.RootElement.GetProperty("type").GetString().Should().Be("state_changed");
        stopped.RootElement.GetProperty("instance").GetString().Should().Be("victim");
        stopped.RootElement.GetProperty("at").GetString().Should().EndWith("Z");
    }

    [Fact]
    public async Task A_subscriber_sees_a_log_rotation_with_the_files_involved()
    {
        using var home = new TestHome();
        home.WriteConfig("""
            [daemon]
            log_max_size = "1K"
            log_max_files = 2

            [instances.chatty]
            start_command = ["sh", "-c", "while true; do echo 0123456789012345678901234567890123456789; sleep 0.02; done"]
            auto_start = true
            """);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await using var client = await daemon.ConnectAsync();
        await client.EventsAsync();

        using var cancel = new CancellationTokenSource(Eventually.DefaultTimeout);
        EventNotification? rotated = null;
        await foreach (var notification in client.Notifications.ReadAllAsync(cancel.Token))
        {
            if (notification.Method != RpcMethods.EventNotification) continue;
            var e = notification.Params.Deserialize(ProtocolJsonContext.Default.EventNotification)!;
            if (e.Type == EventTypes.LogRotated)
            {
                rotated = e;
                break;
            }
        }

        rotated.Should().NotBeNull();
        rotated!.Instance.Should().Be("chatty");
        rotated.File.Should().EndWith("/logs/chatty.log");
        rotated.RotatedTo.Should().Be(rotated.File + ".1");
        File.Exists(rotated.RotatedTo).Should().BeTrue();
    }
}
