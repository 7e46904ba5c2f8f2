using System.Net;
using System.Text.Json;

namespace ServiceManager.Web.Tests.Api;

/// <summary>The GET routes of /api against a real daemon and real children.</summary>
public sealed class ReadEndpointTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Health_is_ok_with_the_daemons_pid_and_uptime()
    {
        var answer = await Json.GetAsync(Http, "/api/health");

        answer.Status.Should().Be(HttpStatusCode.OK);
        answer.ContentType.Should().StartWith("application/json");
        answer.Body.GetProperty("status").GetString().Should().Be("ok");
        answer.Body.GetProperty("version").GetString().Should().NotBeNullOrEmpty();
        answer.Body.GetProperty("daemon").GetProperty("pid").GetInt32().Should().Be(fixture.Stack.Daemon.Process.Id);
        answer.Body.GetProperty("daemon").GetProperty("uptimeMs").GetInt64().Should().BePositive();
    }

    [Fact]
    public async Task Templates_are_listed_and_one_is_found_by_id()
    {
        var list = await Json.GetAsync(Http, "/api/templates");
        list.Status.Should().Be(HttpStatusCode.OK);
        list.Body.EnumerateArray().Select(t => t.GetProperty("id").GetString()).Should().Equal("worker");

        var one = await Json.GetAsync(Http, "/api/templates/worker");
        one.Status.Should().Be(HttpStatusCode.OK);
        one.Body.GetProperty("displayName").GetString().Should().Be("Worker");
        one.Body.GetProperty("portRange").EnumerateArray().Select(p => p.GetInt32()).Should().Equal(47100, 47199);
        one.Body.GetProperty("instances").EnumerateArray().Select(i => i.GetString()).Should().Contain("alpha");
        one.Body.GetProperty("startCommand").GetString().Should().Be("API_KEY=<hidden> sleep 1000",
            "a leading NAME=value word is an environment value");
    }

    [Fact]
    public async Task An_unknown_template_is_404_with_the_not_found_code()
    {
        var answer = await Json.GetAsync(Http, "/api/templates/nope");

        answer.Status.Should().Be(HttpStatusCode.NotFound);
        answer.Error.Code.Should().Be(-32001);
        answer.Error.Message.Should().Contain("nope").And.Contain("worker");
    }

    [Fact]
    public async Task Instances_are_listed_with_the_socket_fields_and_filtered_by_template_tag_and_status()
    {
        var all = await Json.GetAsync(Http, "/api/instances");
        all.Status.Should().Be(HttpStatusCode.OK);
        all.Body.EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Contain(["alpha", "beta", "gamma"]);
        var alpha = all.Body.EnumerateArray().Single(i => i.GetProperty("id").GetString() == "alpha");
        foreach (var field in new[] { "numericId", "template", "state", "health", "pid", "port", "uptimeMs", "restarts", "lastExit", "cpuPercent", "memoryBytes", "tags" })
            alpha.TryGetProperty(field, out _).Should().BeTrue($"InstanceSummary has {field}");

        (await Ids("/api/instances?template=worker")).Should().Equal("alpha");
        (await Ids("/api/instances?tag=edge")).Should().Equal("beta");
        (await Ids("/api/instances?status=stopped")).Should().Contain("gamma").And.NotContain("alpha");
    }

    [Fact]
    public async Task A_bad_status_filter_is_400()
    {
        var answer = await Json.GetAsync(Http, "/api/instances?status=sleeping");

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Error.Code.Should().Be(-32602);
        answer.Error.Message.Should().Contain("sleeping");
    }

    [Fact]
    public async Task An_instance_resolves_by_id_number_and_port_to_its_status_with_transitions()
    {
        var byId = await Json.GetAsync(Http, "/api/instances/beta");
        byId.Status.Should().Be(HttpStatusCode.OK);
        byId.Body.GetProperty("id").GetString().Should().Be("beta");
        byId.Body.GetProperty("transitions").EnumerateArray().Should().Contain(t => t.GetProperty("to").GetString() == "running");
        byId.Body.GetProperty("command").EnumerateArray().First().GetString().Should().Be("/bin/sh");

        var number = byId.Body.GetProperty("numericId").GetInt32();
        (await Json.GetAsync(Http, $"/api/instances/{number}")).Body.GetProperty("id").GetString().Should().Be("beta");
        (await Json.GetAsync(Http, "/api/instances/:47250")).Body.GetProperty("id").GetString().Should().Be("beta");
    }

    [Fact]
    public async Task An_unknown_instance_is_404_and_names_the_known_ones()
    {
        var answer = await Json.GetAsync(Http, "/api/instances/nobody");

        answer.Status.Should().Be(HttpStatusCode.NotFound);
        answer.Error.Code.Should().Be(-32001);
        answer.Error.Message.Should().Contain("nobody").And.Contain("alpha");
    }

    [Fact]
    public async Task Logs_give_the_last_lines_of_both_streams_or_one()
    {
        var both = await Eventually.GetAsync(() => Json.GetAsync(Http, "/api/instances/beta/logs?lines=200"),
            a => a.Text.Contains("err-line", StringComparison.Ordinal), "beta's output in its log");
        both.Status.Should().Be(HttpStatusCode.OK);
        var lines = both.Body.GetProperty("lines").EnumerateArray().ToList();
        lines.Should().Contain(l => l.GetProperty("text").GetString() == "out-line" && l.GetProperty("stream").GetString() == "stdout");
        lines.Should().OnlyContain(l => l.GetProperty("instance").GetString() == "beta" && l.GetProperty("at").GetString()!.EndsWith('Z'));

        var stderr = await Json.GetAsync(Http, "/api/instances/beta/logs?stream=stderr&lines=200");
        stderr.Body.GetProperty("lines").EnumerateArray().Should().OnlyContain(l => l.GetProperty("stream").GetString() == "stderr")
            .And.Contain(l => l.GetProperty("text").GetString() == "err-line");

        var one = await Json.GetAsync(Http, "/api/instances/beta/logs?lines=1");
        one.Body.GetProperty("lines").GetArrayLength().Should().Be(1);
    }

    [Theory]
    [InlineData("lines=abc", "lines=abc")]
    [InlineData("lines=-1", "lines=-1")]
    [InlineData("lines=100001", "lines=100001")]
    [InlineData("stream=both", "stream=both")]
    public async Task Bad_log_parameters_are_400_naming_them(string query, string named)
    {
        var answer = await Json.GetAsync(Http, $"/api/instances/beta/logs?{query}");

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Error.Code.Should().Be(-32602);
        answer.Error.Message.Should().Contain(named);
    }

    [Fact]
    public async Task Metrics_give_the_machine_and_each_running_instance()
    {
        var answer = await Eventually.GetAsync(() => Json.GetAsync(Http, "/api/metrics"),
            a => a.Body.GetProperty("instances").EnumerateArray().Any(i => i.GetProperty("id").GetString() == "alpha"), "alpha sampled");

        answer.Body.GetProperty("system").GetProperty("memoryTotalBytes").GetInt64().Should().BePositive();
        var alpha = answer.Body.GetProperty("instances").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "alpha");
        alpha.GetProperty("memoryBytes").GetInt64().Should().BePositive();
    }

    [Fact]
    public async Task Prometheus_metrics_carry_the_required_families_labelled_by_instance_and_template()
    {
        // CPU percent is a difference of two samples, so it appears one sampling interval after memory does.
        var answer = await Eventually.GetAsync(() => Json.GetAsync(Http, "/metrics"),
            a => a.Text.Contains("svcmgr_instance_cpu_percent{instance=\"alpha\"", StringComparison.Ordinal), "alpha's CPU in /metrics");

        answer.Status.Should().Be(HttpStatusCode.OK);
        answer.ContentType.Should().StartWith("text/plain").And.Contain("version=0.0.4");
        var samples = answer.Text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        samples.Should().OnlyContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^[a-z_0-9]+(\{[a-z_]+=""[^""]*""(,[a-z_]+=""[^""]*"")*\})? -?[0-9.eE+-]+$"),
            "every sample is NAME{labels} VALUE");
        samples.Should().Contain("svcmgr_instance_up{instance=\"alpha\",template=\"worker\"} 1");
        samples.Should().Contain("svcmgr_instance_up{instance=\"gamma\",template=\"\"} 0");
        samples.Should().Contain(l => l.StartsWith("svcmgr_instance_restarts_total{instance=\"beta\",template=\"\"} ", StringComparison.Ordinal));
        samples.Should().Contain(l => l.StartsWith("svcmgr_instance_cpu_percent{instance=\"alpha\",template=\"worker\"} ", StringComparison.Ordinal));
        answer.Text.Should().Contain("# TYPE svcmgr_instance_healthy gauge").And.Contain("# TYPE svcmgr_instance_restarts_total counter");
    }

    [Fact]
    public async Task The_openapi_document_is_valid_json_and_describes_every_api_route()
    {
        var answer = await Json.GetAsync(Http, "/openapi.json");

        answer.Status.Should().Be(HttpStatusCode.OK);
        var document = answer.Body;
        document.GetProperty("openapi").GetString().Should().StartWith("3.");
        var paths = document.GetProperty("paths");
        foreach (var route in ServiceManager.Web.Api.ApiRoutes.All)
        {
            paths.TryGetProperty(route.Pattern, out var path).Should().BeTrue($"{route.Pattern} is described");
            path.TryGetProperty(route.Method.ToLowerInvariant(), out var operation).Should().BeTrue($"{route.Method} {route.Pattern} is described");
            operation.GetProperty("responses").EnumerateObject().Should().Contain(r => r.Name.StartsWith('2'));
        }

        paths.EnumerateObject().Select(p => p.Name).Should().OnlyContain(p => ServiceManager.Web.Api.ApiRoutes.All.Any(r => r.Pattern == p),
            "nothing is described that the server does not serve");
        foreach (var reference in Refs(document)) ResolveRef(document, reference).ValueKind.Should().Be(JsonValueKind.Object, reference);
    }

    private async Task<IReadOnlyList<string>> Ids(string path) =>
        [.. (await Json.GetAsync(Http, path)).Body.EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];

    private static IEnumerable<string> Refs(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => p.Name == "$ref" ? [p.Value.GetString()!] : Refs(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Refs),
        _ => [],
    };

    private static JsonElement ResolveRef(JsonElement document, string reference)
    {
        var node = document;
        foreach (var part in reference.TrimStart('#', '/').Split('/')) node = node.GetProperty(part);
        return node;
    }
}
