using System.Net;

namespace ServiceManager.Web.Tests.Api;

/// <summary>POST and DELETE routes, and what bad requests get: each test works on instances of its own.</summary>
public sealed class MutationTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient Http => fixture.Http;

    private DaemonProcess Daemon => fixture.Stack.Daemon;

    [Fact]
    public async Task Creating_from_a_template_answers_201_with_the_instance_and_its_location()
    {
        var answer = await Json.PostAsync(Http, "/api/instances", """{"template": "worker", "id": "made-1", "start": true}""");

        answer.Status.Should().Be(HttpStatusCode.Created, answer.ToString());
        answer.Headers.Location!.ToString().Should().Be("/api/instances/made-1");
        answer.Body.GetProperty("id").GetString().Should().Be("made-1");
        answer.Body.GetProperty("template").GetString().Should().Be("worker");
        answer.Body.GetProperty("port").GetInt32().Should().BeInRange(47100, 47199);
        await Instances.WaitForStateAsync(Daemon, "made-1", "running");
        (await Json.DeleteAsync(Http, "/api/instances/made-1")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Running_an_ad_hoc_command_answers_201_and_the_instance_runs_it()
    {
        var cwd = fixture.Stack.Home.Path;
        var answer = await Json.PostAsync(Http, "/api/instances",
            $$$"""{"command": ["sleep", "1000"], "name": "adhoc-1", "cwd": "{{{cwd}}}", "env": {"GREETING": "hi"}}""");

        answer.Status.Should().Be(HttpStatusCode.Created, answer.ToString());
        answer.Body.GetProperty("id").GetString().Should().Be("adhoc-1");
        var detail = await Instances.WaitForStateAsync(Daemon, "adhoc-1", "running");
        detail.Template.Should().BeNull();
        (await Json.DeleteAsync(Http, "/api/instances/adhoc-1")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_port_taken_by_another_instance_is_409_and_nothing_is_created()
    {
        var answer = await Json.PostAsync(Http, "/api/instances", """{"template": "worker", "id": "clash", "port": 47250}""");

        answer.Status.Should().Be(HttpStatusCode.Conflict, answer.ToString());
        answer.Error.Code.Should().Be(-32002);
        answer.Error.Message.Should().Contain("47250");
        (await Instances.ListAsync(Daemon)).Should().NotContain(i => i.Id == "clash");
    }

    [Fact]
    public async Task An_unknown_template_in_a_create_is_404()
    {
        var answer = await Json.PostAsync(Http, "/api/instances", """{"template": "nope"}""");

        answer.Status.Should().Be(HttpStatusCode.NotFound);
        answer.Error.Code.Should().Be(-32001);
    }

    [Fact]
    public async Task Stop_start_and_restart_answer_done_or_unchanged_and_do_it()
    {
        await Json.PostAsync(Http, "/api/instances", """{"template": "worker", "id": "cycle", "start": true}""");
        var pid = await Instances.RunningPidAsync(Daemon, "cycle");

        var stop = await Json.PostAsync(Http, "/api/instances/cycle/stop");
        stop.Status.Should().Be(HttpStatusCode.OK, stop.ToString());
        stop.Body.GetProperty("done").EnumerateArray().Select(e => e.GetString()).Should().Equal("cycle");
        (await Instances.GetAsync(Daemon, "cycle")).State.Should().Be("stopped");
        Processes.IsAlive(pid).Should().BeFalse();

        var again = await Json.PostAsync(Http, "/api/instances/cycle/stop", "{}");
        again.Body.GetProperty("unchanged").EnumerateArray().Select(e => e.GetString()).Should().Equal("cycle");

        var start = await Json.PostAsync(Http, "/api/instances/cycle/start");
        start.Body.GetProperty("done").EnumerateArray().Select(e => e.GetString()).Should().Equal("cycle");
        var started = await Instances.RunningPidAsync(Daemon, "cycle");

        var restart = await Json.PostAsync(Http, "/api/instances/cycle/restart");
        restart.Body.GetProperty("done").EnumerateArray().Select(e => e.GetString()).Should().Equal("cycle");
        (await Instances.WaitForAsync(Daemon, "cycle", s => s.State == "running" && s.Pid != started, "running anew")).Restarts.Should().BeGreaterThan(0);

        var removed = await Json.DeleteAsync(Http, "/api/instances/cycle");
        removed.Body.GetProperty("removed").EnumerateArray().Select(e => e.GetString()).Should().Equal("cycle");
        (await Instances.ListAsync(Daemon)).Should().NotContain(i => i.Id == "cycle");
    }

    [Fact]
    public async Task Starting_an_unknown_instance_is_404()
    {
        var answer = await Json.PostAsync(Http, "/api/instances/ghost/start");

        answer.Status.Should().Be(HttpStatusCode.NotFound);
        answer.Error.Code.Should().Be(-32001);
    }

    [Theory]
    [InlineData("""{"template": "worker", "id": """, -32700, "not valid JSON")]
    [InlineData("""[{"template": "worker"}]""", -32602, "must be a JSON object")]
    [InlineData("""{"template": 5}""", -32602, "'template' has the wrong type")]
    [InlineData("""{"template": "worker", "port": "80"}""", -32602, "'port' has the wrong type")]
    [InlineData("""{"template": "worker", "colour": "red"}""", -32602, "unknown member 'colour'")]
    [InlineData("""{"id": "x"}""", -32602, "missing")]
    [InlineData("""{"template": null}""", -32602, "must not be null")]
    [InlineData("""{"command": "sleep 1000"}""", -32602, "'command' has the wrong type")]
    [InlineData("""{"command": []}""", -32602, "command must name a program")]
    public async Task A_bad_body_is_400_saying_what_is_wrong_and_creates_nothing(string body, int code, string says)
    {
        var before = (await Instances.ListAsync(Daemon)).Count;

        var answer = await Json.PostAsync(Http, "/api/instances", body);

        answer.Status.Should().Be(HttpStatusCode.BadRequest, answer.ToString());
        answer.Error.Code.Should().Be(code);
        answer.Error.Message.Should().Contain(says);
        (await Instances.ListAsync(Daemon)).Count.Should().Be(before);
    }

    [Fact]
    public async Task An_action_with_a_body_other_than_an_empty_object_is_400_and_does_nothing()
    {
        var pid = await Instances.RunningPidAsync(Daemon, "alpha");

        var answer = await Json.PostAsync(Http, "/api/instances/alpha/stop", """{"force": true}""");

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        (await Instances.GetAsync(Daemon, "alpha")).Pid.Should().Be(pid);
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_is_413_and_creates_nothing()
    {
        var body = $$"""{"template": "worker", "id": "big", "padding": "{{new string('x', 1024 * 1024)}}"}""";
        // As curl does for a large body: announce it and wait for 100 Continue. The server refuses on Content-Length
        // alone and closes; a client that sent the body regardless would meet a broken pipe instead of the answer.
        using var http = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = Eventually.DefaultTimeout }) { BaseAddress = Http.BaseAddress };
        http.DefaultRequestHeaders.ExpectContinue = true;

        var answer = await Json.PostAsync(http, "/api/instances", body);

        answer.Status.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        answer.Error.Message.Should().Contain("1024 KiB");
        (await Instances.ListAsync(Daemon)).Should().NotContain(i => i.Id == "big");
    }

    [Fact]
    public async Task An_unknown_route_is_a_json_404()
    {
        var answer = await Json.GetAsync(Http, "/api/nothing/here");

        answer.Status.Should().Be(HttpStatusCode.NotFound);
        answer.ContentType.Should().StartWith("application/json");
        answer.Error.Code.Should().Be(-32601);
        answer.Error.Message.Should().Contain("/api/nothing/here");
    }

    [Theory]
    [InlineData("GET", "/api/instances/alpha/stop", "POST")]
    [InlineData("GET", "/api/reload", "POST")]
    [InlineData("PUT", "/api/instances/alpha", "DELETE")]
    [InlineData("DELETE", "/api/templates/worker", "GET")]
    public async Task A_wrong_method_is_a_json_405_naming_the_right_one_and_changes_nothing(string method, string path, string allowed)
    {
        var pid = await Instances.RunningPidAsync(Daemon, "alpha");

        var answer = await Json.SendAsync(Http, new HttpMethod(method), path);

        answer.Status.Should().Be(HttpStatusCode.MethodNotAllowed);
        answer.Error.Code.Should().Be(-32601);
        answer.Error.Message.Should().Contain(allowed);
        (await Instances.GetAsync(Daemon, "alpha")).Pid.Should().Be(pid, "a GET never stops anything");
    }

    [Fact]
    public async Task A_websocket_route_asked_without_an_upgrade_is_400()
    {
        var answer = await Json.GetAsync(Http, "/ws");

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Error.Message.Should().Contain("WebSocket");
    }
}
