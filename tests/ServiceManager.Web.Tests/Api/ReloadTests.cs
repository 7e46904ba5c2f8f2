using System.Net;

namespace ServiceManager.Web.Tests.Api;

/// <summary><c>POST /api/reload</c> with a good config and a broken one.</summary>
public sealed class ReloadTests
{
    [Fact]
    public async Task A_reload_answers_what_changed_and_a_broken_config_is_422_and_changes_nothing()
    {
        await using var stack = await WebStack.StartAsync("""
            [instances.keep]
            start_command = "sleep 1000"
            auto_start = true
            """);
        var pid = await Instances.RunningPidAsync(stack.Daemon, "keep");
        stack.Home.WriteConfig("""
            [instances.keep]
            start_command = "sleep 1000"
            auto_start = true

            [instances.added]
            start_command = "sleep 1000"
            """);

        var reload = await Json.PostAsync(stack.Http, "/api/reload");

        reload.Status.Should().Be(HttpStatusCode.OK, reload.ToString());
        reload.Body.GetProperty("added").EnumerateArray().Select(e => e.GetString()).Should().Equal("added");
        reload.Body.GetProperty("unchanged").EnumerateArray().Select(e => e.GetString()).Should().Equal("keep");

        stack.Home.WriteConfig("""
            [instances.keep]
            start_comand = "sleep 1000"
            """);
        var broken = await Json.PostAsync(stack.Http, "/api/reload");

        broken.Status.Should().Be((HttpStatusCode)422, broken.ToString());
        broken.Error.Code.Should().Be(-32003);
        broken.Error.Message.Should().Contain("start_comand");
        (await Instances.GetAsync(stack.Daemon, "keep")).Pid.Should().Be(pid);
        (await Instances.ListAsync(stack.Daemon)).Select(i => i.Id).Should().Contain("added");
    }
}
