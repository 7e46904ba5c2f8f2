using System.Text.Json;

namespace ServiceManager.Web.Tests.Sockets;

/// <summary><c>/ws</c>: the USM events with their names and fields, from a real daemon's changes.</summary>
public sealed class EventSocketTests
{
    private const string Config = """
        [instances.steady]
        start_command = "sleep 1000"
        auto_start = true

        [instances.fragile]
        start_command = ["/bin/sh", "-c", "echo 'loading config' >&2; echo 'fatal: port 5432 refused' >&2; exit 3"]
        restart = "never"

        [instances.victim]
        start_command = "sleep 1000"
        auto_start = true
        restart = "never"

        [instances.probed]
        start_command = "sleep 1000"
        auto_start = true
        health_endpoint = "exec:test -f {config}/healthy"
        health_interval_ms = 100
        """;

    [Fact]
    public async Task A_stop_and_a_start_are_status_changed_events_with_status_and_pid()
    {
        await using var stack = await WebStack.StartAsync(Config);
        await Instances.WaitForStateAsync(stack.Daemon, "steady", "running");
        await using var ws = await WsClient.ConnectAsync(stack.Web.WebSocketUri("/ws"));

        (await Json.PostAsync(stack.Http, "/api/instances/steady/stop")).Status.Should().Be(System.Net.HttpStatusCode.OK);
        var stopped = (await ws.ReceiveUntilAsync(e => WsClient.Is(e, "status_changed", "steady") && WsClient.Text(e, "status") == "stopped", "steady stopped"))[^1];
        (await Json.PostAsync(stack.Http, "/api/instances/steady/start")).Status.Should().Be(System.Net.HttpStatusCode.OK);
        var running = (await ws.ReceiveUntilAsync(e => WsClient.Is(e, "status_changed", "steady") && WsClient.Text(e, "status") == "running", "steady running"))[^1];

        stopped.GetProperty("pid").ValueKind.Should().Be(JsonValueKind.Null);
        stopped.GetProperty("previous_status").GetString().Should().Be("stopping");
        stopped.TryGetProperty("stderr_tail", out _).Should().BeFalse("a stop is not a crash");
        running.GetProperty("pid").GetInt32().Should().Be((await Instances.GetAsync(stack.Daemon, "steady")).Pid);
        running.GetProperty("at").GetString().Should().EndWith("Z");
    }

    [Fact]
    public async Task A_crash_says_why_with_exit_code_signal_and_the_last_stderr_lines()
    {
        await using var stack = await WebStack.StartAsync(Config);
        var pid = await Instances.RunningPidAsync(stack.Daemon, "victim");
        await using var ws = await WsClient.ConnectAsync(stack.Web.WebSocketUri("/ws"));
        // A first metrics cycle shows the subscription is live before anything happens.
        await ws.ReceiveUntilAsync(e => WsClient.Text(e, "type") == "metrics_updated", "a metrics_updated");

        await Json.PostAsync(stack.Http, "/api/instances/fragile/start");
        var exited = (await ws.ReceiveUntilAsync(e => WsClient.Is(e, "status_changed", "fragile") && WsClient.Text(e, "status") == "stopped", "fragile's exit"))[^1];
        ServiceManager.Platform.Unix.UnixProcess.Signal(pid, 9);
        var killed = (await ws.ReceiveUntilAsync(e => WsClient.Is(e, "status_changed", "victim") && WsClient.Text(e, "status") == "stopped", "victim's death"))[^1];

        exited.GetProperty("exit_code").GetInt32().Should().Be(3);
        exited.GetProperty("signal").ValueKind.Should().Be(JsonValueKind.Null);
        exited.GetProperty("stderr_tail").EnumerateArray().Select(l => l.GetString()).Should().Equal("loading config", "fatal: port 5432 refused");
        exited.GetProperty("reason").GetString().Should().Contain("exited with code 3");
        killed.GetProperty("signal").GetString().Should().Be("SIGKILL");
        killed.GetProperty("exit_code").ValueKind.Should().Be(JsonValueKind.Null);
        killed.GetProperty("stderr_tail").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Metrics_come_as_one_metrics_updated_per_running_instance_with_cpu_and_memory_mb()
    {
        await using var stack = await WebStack.StartAsync(Config);
        await Instances.WaitForStateAsync(stack.Daemon, "steady", "running");
        await using var ws = await WsClient.ConnectAsync(stack.Web.WebSocketUri("/ws"));

        var frames = await ws.ReceiveUntilAsync(e => WsClient.Is(e, "metrics_updated", "steady") && e.GetProperty("cpu").ValueKind == JsonValueKind.Number,
            "steady's metrics with a cpu figure");

        var steady = frames[^1];
        steady.GetProperty("memory_mb").GetDouble().Should().BePositive();
        steady.GetProperty("memory_bytes").GetInt64().Should().BePositive();
        frames.Where(f => WsClient.Text(f, "type") == "metrics_updated").Should().OnlyContain(f => WsClient.Text(f, "instance_id").Length > 0);
    }

    [Fact]
    public async Task A_health_change_is_health_changed_with_healthy_true_or_false()
    {
        await using var stack = await WebStack.StartAsync(Config);
        var flag = Path.Combine(stack.Home.Path, "healthy");
        await using var ws = await WsClient.ConnectAsync(stack.Web.WebSocketUri("/ws"));

        await File.WriteAllTextAsync(flag, "");
        var healthy = (await ws.ReceiveUntilAsync(e => WsClient.Is(e, "health_changed", "probed") && e.GetProperty("healthy").GetBoolean(), "probed healthy"))[^1];
        File.Delete(flag);
        var unhealthy = (await ws.ReceiveUntilAsync(e => WsClient.Is(e, "health_changed", "probed") && !e.GetProperty("healthy").GetBoolean(), "probed unhealthy"))[^1];

        healthy.GetProperty("health").GetString().Should().Be("healthy");
        unhealthy.GetProperty("health").GetString().Should().Be("unhealthy");
    }
}
