using System.Net;
using System.Net.WebSockets;

namespace ServiceManager.Web.Tests.Security;

/// <summary>With a token every request needs it: bearer header, the login cookie, or <c>?token=</c> on a WebSocket.</summary>
public sealed class TokenTests
{
    private const string Token = "4f1c0d6e9a8b7c6d5e4f3a2b1c0d9e8f";

    private const string Config = """
        [instances.alpha]
        start_command = "sleep 1000"
        auto_start = true
        """;

    [Fact]
    public async Task Without_the_token_api_calls_are_401_and_with_it_they_work()
    {
        await using var stack = await WebStack.StartAsync(Config, Token);
        using var anonymous = stack.Web.CreateClient();
        using var wrong = stack.Web.CreateClient("not-the-token-at-all-0000");

        var none = await Json.GetAsync(anonymous, "/api/instances");
        var bad = await Json.GetAsync(wrong, "/api/instances");
        var stop = await Json.PostAsync(anonymous, "/api/instances/alpha/stop");
        var good = await Json.GetAsync(stack.Http, "/api/instances");

        none.Status.Should().Be(HttpStatusCode.Unauthorized);
        none.Error.Message.Should().Contain("token");
        bad.Status.Should().Be(HttpStatusCode.Unauthorized);
        stop.Status.Should().Be(HttpStatusCode.Unauthorized);
        (await Instances.GetAsync(stack.Daemon, "alpha")).State.Should().Be("running");
        good.Status.Should().Be(HttpStatusCode.OK);
        (await Json.GetAsync(anonymous, "/metrics")).Status.Should().Be(HttpStatusCode.Unauthorized);
        (await Json.GetAsync(anonymous, "/openapi.json")).Status.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_browser_gets_the_login_form_and_a_right_token_sets_a_strict_http_only_cookie()
    {
        await using var stack = await WebStack.StartAsync(Config, Token);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var browser = new HttpClient(handler) { BaseAddress = stack.Web.BaseUri };

        var page = await browser.GetAsync("/");
        page.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await page.Content.ReadAsStringAsync()).Should().Contain("<form method=\"post\" action=\"/login\"");

        var refused = await browser.PostAsync("/login", new FormUrlEncodedContent([new("token", "wrong")]));
        refused.Headers.Location!.ToString().Should().Contain("failed");
        handler.CookieContainer.Count.Should().Be(0);

        var accepted = await browser.PostAsync("/login", new FormUrlEncodedContent([new("token", Token)]));
        accepted.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        var cookie = accepted.Headers.GetValues("Set-Cookie").Single();
        cookie.Should().Contain("svcmgr_token=").And.Contain("httponly").And.Contain("samesite=strict");

        (await browser.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Json.GetAsync(browser, "/api/instances")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_websocket_needs_the_token_as_a_header_or_in_the_query()
    {
        await using var stack = await WebStack.StartAsync(Config, Token);

        var refused = new ClientWebSocket();
        refused.Options.CollectHttpResponseDetails = true;
        var connect = () => refused.ConnectAsync(stack.Web.WebSocketUri("/ws"), CancellationToken.None);
        await connect.Should().ThrowAsync<WebSocketException>();
        refused.HttpStatusCode.Should().Be(HttpStatusCode.Unauthorized);

        await using var byQuery = await WsClient.ConnectAsync(stack.Web.WebSocketUri($"/ws?token={Token}"));
        await using var byHeader = await WsClient.ConnectAsync(stack.Web.WebSocketUri("/ws/logs/alpha"),
            o => o.SetRequestHeader("Authorization", $"Bearer {Token}"));
        byQuery.Socket.State.Should().Be(WebSocketState.Open);
        byHeader.Socket.State.Should().Be(WebSocketState.Open);
    }

    [Fact]
    public async Task A_token_in_the_query_is_not_accepted_for_plain_requests()
    {
        await using var stack = await WebStack.StartAsync(Config, Token);
        using var anonymous = stack.Web.CreateClient();

        (await Json.GetAsync(anonymous, $"/api/instances?token={Token}")).Status.Should().Be(HttpStatusCode.Unauthorized,
            "a token in a URL ends up in histories and logs; only WebSockets, which cannot send headers from a browser, take it");
    }
}
