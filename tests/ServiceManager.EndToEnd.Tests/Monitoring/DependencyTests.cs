using System.Text.Json;
using System.Threading.Channels;
using ServiceManager.EndToEnd.Tests.Fleet;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Client;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.EndToEnd.Tests.Monitoring;

/// <summary><c>depends_on</c>: a dependant starts only once its dependency runs and is healthy.</summary>
public sealed class DependencyTests
{
    // db runs at once but listens only once the test creates its "go" file, so api has to wait for db's health, not
    // its start, for as long as the test needs (a fixed delay raced the test's own polling on a loaded machine).
    private static string Config(int port, bool autoStart) => $"""
        [instances.db]
        start_command = "sh -c 'until [ -e go ]; do sleep 0.05; done; exec python3 -m http.server {port} --bind 127.0.0.1'"
        auto_start = {(autoStart ? "true" : "false")}
        health_endpoint = "tcp://127.0.0.1:{port}"
        health_interval_ms = 100

        [instances.api]
        start_command = "sleep 1000"
        auto_start = {(autoStart ? "true" : "false")}
        depends_on = ["db"]
        """;

    [Fact]
    public async Task At_daemon_start_up_api_waits_for_db_to_be_healthy_and_status_shows_what_it_waits_for()
    {
        using var home = new TestHome();
        home.WriteConfig(Config(FreePorts.Block(1), autoStart: true));
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await using var client = await daemon.ConnectAsync();
        await client.EventsAsync();

        var waiting = await Eventually.GetAsync(() => Svcmgr.RunAsync(home.Path, "status", "api"),
            r => r.Stdout.Contains("waiting for: db", StringComparison.Ordinal), "status api to show it waits for db");
        waiting.Stdout.Should().MatchRegex(@"state:\s+stopped");

        LetDbListen(home);
        await AssertApiRanAfterDbWasHealthyAsync(daemon, client);
    }

    [Fact]
    public async Task Start_all_after_stop_all_follows_the_graph_and_stopping_db_leaves_api_running()
    {
        using var home = new TestHome();
        home.WriteConfig(Config(FreePorts.Block(1), autoStart: false));
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await using var client = await daemon.ConnectAsync();
        await client.EventsAsync();

        (await Svcmgr.RunAsync(home.Path, "start", "--all")).ExitCode.Should().Be(0);
        var detail = await Eventually.GetAsync(() => Instances.StatusAsync(daemon, "api"),
            d => d.WaitingFor is { Count: > 0 }, "api to wait for db");
        detail.WaitingFor.Should().Equal("db");
        LetDbListen(home);
        await AssertApiRanAfterDbWasHealthyAsync(daemon, client);

        (await Svcmgr.RunAsync(home.Path, "stop", "--all")).ExitCode.Should().Be(0);
        (await Svcmgr.RunAsync(home.Path, "start", "--all")).ExitCode.Should().Be(0);
        await AssertApiRanAfterDbWasHealthyAsync(daemon, client);

        var apiPid = await Instances.RunningPidAsync(daemon, "api");
        (await Svcmgr.RunAsync(home.Path, "stop", "db")).ExitCode.Should().Be(0);
        await Instances.WaitForStateAsync(daemon, "db", "stopped");
        var api = await Instances.GetAsync(daemon, "api");
        api.State.Should().Be("running");
        api.Pid.Should().Be(apiPid);
        (await Instances.StatusAsync(daemon, "api")).WaitingFor.Should().BeEmpty();
    }

    [Fact]
    public async Task A_waiting_start_shows_in_list_and_survives_a_daemon_restart()
    {
        using var home = new TestHome();
        home.WriteConfig(Config(FreePorts.Block(1), autoStart: false));
        await using (var first = await DaemonProcess.StartAsync(home.Path))
        {
            (await Svcmgr.RunAsync(home.Path, "start", "api")).ExitCode.Should().Be(0);
            var list = TextTable.Parse((await Svcmgr.RunAsync(home.Path, "list")).Stdout);
            list.Row("NAME", "api")["STATE"].Should().Be("waiting");
            (await Instances.GetAsync(first, "api")).WaitingFor.Should().Equal("db");
            (await first.TerminateAsync()).Should().Be(0);
        }

        // Neither instance auto-starts: only the remembered wait can bring api up.
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await using var client = await daemon.ConnectAsync();
        await client.EventsAsync();
        (await Instances.StatusAsync(daemon, "api")).WaitingFor.Should().Equal("db");
        (await Instances.GetAsync(daemon, "db")).State.Should().Be("stopped");

        (await Svcmgr.RunAsync(home.Path, "start", "db")).ExitCode.Should().Be(0);
        LetDbListen(home);
        await AssertApiRanAfterDbWasHealthyAsync(daemon, client);
        TextTable.Parse((await Svcmgr.RunAsync(home.Path, "list")).Stdout).Row("NAME", "api")["STATE"].Should().Be("running");
    }

    /// <summary>db's start command waits for this file in its working directory (the config's directory).</summary>
    private static void LetDbListen(TestHome home) => File.WriteAllText(Path.Combine(home.Path, "go"), "");

    /// <summary>Reads db's next change to healthy from the event feed, then checks api's latest start came after it.</summary>
    private static async Task AssertApiRanAfterDbWasHealthyAsync(DaemonProcess daemon, DaemonClient client)
    {
        var healthyAt = await NextHealthyAsync(client.Notifications, "db");
        await Instances.WaitForStateAsync(daemon, "api", "running");
        var api = await Instances.StatusAsync(daemon, "api");
        var started = api.Transitions.Last(t => t.To == "running");
        started.At.Should().BeOnOrAfter(healthyAt);
        api.WaitingFor.Should().BeEmpty();
    }

    private static async Task<DateTimeOffset> NextHealthyAsync(ChannelReader<RpcNotification> notifications, string id)
    {
        using var cancel = new CancellationTokenSource(Eventually.DefaultTimeout);
        await foreach (var notification in notifications.ReadAllAsync(cancel.Token))
        {
            if (notification.Method != RpcMethods.EventNotification) continue;
            var e = notification.Params.Deserialize(ProtocolJsonContext.Default.EventNotification)!;
            if (e.Type == EventTypes.HealthChanged && e.Instance == id && e.To == "healthy") return e.At;
        }

        throw new InvalidOperationException("the event feed ended");
    }
}
