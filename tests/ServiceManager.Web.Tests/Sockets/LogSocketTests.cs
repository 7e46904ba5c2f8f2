using System.Net;
using System.Net.WebSockets;

namespace ServiceManager.Web.Tests.Sockets;

/// <summary><c>/ws/logs/{name}</c>: the backlog, then live lines, one LogLine frame each.</summary>
public sealed class LogSocketTests
{
    [Fact]
    public async Task The_last_lines_come_first_then_live_ones_without_gap_or_repeat()
    {
        await using var stack = await WebStack.StartAsync("""
            [instances.talker]
            start_command = ["/bin/sh", "-c", "for i in 1 2 3 4 5; do echo line-$i; done; while true; do if [ -f say ]; then cat say; rm say; fi; sleep 0.05; done"]
            working_dir = "{config}"
            auto_start = true
            """);
        await Eventually.GetAsync(() => Json.GetAsync(stack.Http, "/api/instances/talker/logs"), a => a.Text.Contains("line-5", StringComparison.Ordinal), "talker's first lines");

        await using var ws = await WsClient.ConnectAsync(stack.Web.WebSocketUri("/ws/logs/talker?lines=2&stream=stdout"));
        var backlog = new[] { (await ws.ReceiveAsync())!.Value, (await ws.ReceiveAsync())!.Value };
        await File.WriteAllTextAsync(Path.Combine(stack.Home.Path, "say.tmp"), "live-1\nlive-2\n");
        File.Move(Path.Combine(stack.Home.Path, "say.tmp"), Path.Combine(stack.Home.Path, "say"));
        var live = await ws.ReceiveUntilAsync(e => WsClient.Text(e, "text") == "live-2", "the live lines");

        backlog.Select(f => WsClient.Text(f, "text")).Should().Equal("line-4", "line-5");
        backlog[0].GetProperty("instance").GetString().Should().Be("talker");
        backlog[0].GetProperty("stream").GetString().Should().Be("stdout");
        backlog[0].GetProperty("at").GetString().Should().EndWith("Z");
        live.Select(f => WsClient.Text(f, "text")).Should().Equal("live-1", "live-2");
    }

    [Fact]
    public async Task An_unknown_instance_is_refused_with_404_before_the_handshake()
    {
        await using var stack = await WebStack.StartAsync("");
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        var connect = () => socket.ConnectAsync(stack.Web.WebSocketUri("/ws/logs/nobody"), CancellationToken.None);

        await connect.Should().ThrowAsync<WebSocketException>();
        socket.HttpStatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Removing_the_instance_closes_its_log_socket_with_the_reason()
    {
        await using var stack = await WebStack.StartAsync("");
        await Json.PostAsync(stack.Http, "/api/instances", $$$"""{"command": ["sleep", "1000"], "name": "brief", "cwd": "{{{stack.Home.Path}}}"}""");
        await using var ws = await WsClient.ConnectAsync(stack.Web.WebSocketUri("/ws/logs/brief"));

        await Json.DeleteAsync(stack.Http, "/api/instances/brief");
        var (status, reason) = await ws.ReceiveCloseAsync();

        status.Should().Be(WebSocketCloseStatus.NormalClosure);
        reason.Should().Contain("ended the log stream");
    }
}
