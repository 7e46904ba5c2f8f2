using System.Net;
using ServiceManager.Web.Tests.Api;

namespace ServiceManager.Web.Tests.Security;

/// <summary>DNS rebinding (Host → 421), other sites' pages (Origin → 403), no CORS, no mutation by GET.</summary>
public sealed class HostAndOriginTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient Http => fixture.Http;

    [Theory]
    [InlineData("/api/instances")]
    [InlineData("/")]
    [InlineData("/metrics")]
    [InlineData("/ws")]
    public async Task A_foreign_host_name_is_421_whatever_is_asked(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = $"attacker.example:{fixture.Stack.Web.BaseUri.Port}";

        using var response = await Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.MisdirectedRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("attacker.example");
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    [InlineData("LOCALHOST")]
    public async Task Loopback_names_are_accepted(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        request.Headers.Host = $"{host}:{fixture.Stack.Web.BaseUri.Port}";

        using var response = await Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Another_sites_page_cannot_make_the_browser_stop_an_instance()
    {
        var pid = await Instances.RunningPidAsync(fixture.Stack.Daemon, "alpha");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances/alpha/stop");
        request.Headers.Add("Origin", "http://attacker.example");

        using var response = await Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Instances.GetAsync(fixture.Stack.Daemon, "alpha")).Pid.Should().Be(pid);
    }

    [Fact]
    public async Task The_dashboards_own_origin_may_act()
    {
        await Json.PostAsync(Http, "/api/instances", """{"template": "worker", "id": "own-origin", "start": true}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances/own-origin/stop");
        request.Headers.Add("Origin", $"http://{fixture.Stack.Web.BaseUri.Authority}");

        using var response = await Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        await Json.DeleteAsync(Http, "/api/instances/own-origin");
    }

    [Fact]
    public async Task No_cors_headers_are_sent_not_even_to_a_preflight()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/instances/alpha/stop");
        preflight.Headers.Add("Origin", "http://attacker.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var preflightResponse = await Http.SendAsync(preflight);

        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/instances");
        read.Headers.Add("Origin", "http://attacker.example");
        using var readResponse = await Http.SendAsync(read);

        preflightResponse.IsSuccessStatusCode.Should().BeFalse();
        foreach (var response in new[] { preflightResponse, readResponse })
            response.Headers.Select(h => h.Key).Should().NotContain(h => h.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Pages_carry_a_content_security_policy_and_cannot_be_framed()
    {
        using var response = await Http.GetAsync("/");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'none'").And.Contain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        var html = await response.Content.ReadAsStringAsync();
        html.Should().NotContain("http://").And.NotContain("https://", "every asset is served by svcmgr web itself");
    }
}
