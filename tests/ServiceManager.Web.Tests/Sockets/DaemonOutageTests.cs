using System.Net;
using System.Net.WebSockets;

namespace ServiceManager.Web.Tests.Sockets;

/// <summary>The daemon going away and coming back: 503 meanwhile, sockets closed with a reason, then all works again.</summary>
public sealed class DaemonOutageTests
{
    [Fact]
    public async Task Requests_answer_503_sockets_close_with_a_reason_and_everything_recovers()
    {
        await using var stack = await WebStack.StartAsync("""
            [instances.alpha]
            start_command = "sleep 1000"
            auto_start = true
            """);
        await Instances.WaitForStateAsync(stack.Daemon, "alpha", "running");
        (await Json.GetAsync(stack.Http, "/api/instances")).Status.Should().Be(HttpStatusCode.OK, "the shared connection is open before the outage");
        await using var events = await WsClient.ConnectAsync(stack.Web.WebSocketUri("/ws"));
        await using var logs = await WsClient.ConnectAsync(stack.Web.WebSocketUri("/ws/logs/alpha"));

        await stack.StopDaemonAsync();

        var eventsClosed = await events.ReceiveCloseAsync();
        var logsClosed = await logs.ReceiveCloseAsync();
        eventsClosed.Status.Should().Be(WebSocketCloseStatus.EndpointUnavailable);
        eventsClosed.Reason.Should().Contain("daemon not reachable");
        logsClosed.Reason.Should().Contain("daemon not reachable");

        var list = await Json.GetAsync(stack.Http, "/api/instances");
        list.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        list.Error.Code.Should().Be(-32000);
        list.Error.Message.Should().Contain("not reachable");
        var health = await Json.GetAsync(stack.Http, "/api/health");
        health.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        health.Body.GetProperty("status").GetString().Should().Be("unavailable");
        (await Json.PostAsync(stack.Http, "/api/instances/alpha/start")).Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await Json.GetAsync(stack.Http, "/metrics")).Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        using (var refused = new ClientWebSocket())
        {
            refused.Options.CollectHttpResponseDetails = true;
            await ((Func<Task>)(() => refused.ConnectAsync(stack.Web.WebSocketUri("/ws"), CancellationToken.None))).Should().ThrowAsync<WebSocketException>();
            refused.HttpStatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        }

        await stack.StartDaemonAsync();

        (await Json.GetAsync(stack.Http, "/api/health")).Status.Should().Be(HttpStatusCode.OK);
        await Instances.WaitForStateAsync(stack.Daemon, "alpha", "running");
        await using var again = await WsClient.ConnectAsync(stack.Web.WebSocketUri("/ws"));
        await Json.PostAsync(stack.Http, "/api/instances/alpha/stop");
        await again.ReceiveUntilAsync(e => WsClient.Is(e, "status_changed", "alpha") && WsClient.Text(e, "status") == "stopped", "events from the new daemon");
    }
}
