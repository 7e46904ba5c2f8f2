using System.Text.Json;
using ServiceManager.Mcp.Tests.Infrastructure;

namespace ServiceManager.Mcp.Tests;

/// <summary>An assistant manages a process end to end through the tools, against a real daemon.</summary>
public sealed class ProcessLifecycleTests
{
    [Fact]
    public async Task A_configured_instance_is_started_its_logs_read_and_stopped()
    {
        using var home = new TestHome();
        home.WriteConfig(Configs.Echo);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await using var mcp = await McpSession.StartAsync(home.Path);

        var started = await mcp.CallOkAsync("start_process", new() { ["name"] = "echo" });
        started.GetProperty("action").GetString().Should().Be("started");
        var process = started.GetProperty("process");
        process.GetProperty("id").GetString().Should().Be("echo");
        process.GetProperty("state").GetString().Should().Be("running");
        var pid = process.GetProperty("pid").GetInt32();
        Processes.IsAlive(pid).Should().BeTrue();

        var again = await mcp.CallOkAsync("start_process", new() { ["name"] = "echo" });
        again.GetProperty("action").GetString().Should().Be("already running");

        var listed = await mcp.CallOkAsync("list_processes", new() { ["status"] = "running" });
        listed.GetProperty("processes").EnumerateArray().Select(p => p.GetProperty("id").GetString()).Should().Equal("echo");

        var logs = await Eventually.GetAsync(
            () => mcp.CallOkAsync("get_process_logs", new() { ["name"] = "echo", ["lines"] = 5, ["stream"] = "stdout" }),
            r => r.GetProperty("lines").GetArrayLength() >= 2, "two stdout lines of echo");
        var lines = logs.GetProperty("lines").EnumerateArray().ToList();
        lines.Should().HaveCountLessThanOrEqualTo(5);
        lines.Should().OnlyContain(l => l.GetProperty("text").GetString() == "tick" && l.GetProperty("stream").GetString() == "stdout"
                                        && l.GetProperty("instance").GetString() == "echo");

        var filtered = await mcp.CallAsync("get_process_logs", new() { ["name"] = "echo", ["filter"] = "RUNNING", ["lines"] = 1 });
        McpSession.Text(filtered).Should().Contain("starting -> running").And.NotContain("tick");

        var status = await mcp.CallOkAsync("get_process_status", new() { ["name"] = "echo" });
        status.GetProperty("command").EnumerateArray().Select(a => a.GetString()).Should().StartWith(["sh", "-c"]);
        status.GetProperty("pid").GetInt32().Should().Be(pid);

        var stopped = await mcp.CallOkAsync("stop_process", new() { ["name"] = "echo" });
        stopped.GetProperty("action").GetString().Should().Be("stopped");
        stopped.GetProperty("process").GetProperty("state").GetString().Should().Be("stopped");
        stopped.GetProperty("process").GetProperty("pid").ValueKind.Should().Be(JsonValueKind.Null);
        await Processes.GoneAsync(pid, "the echo loop");

        var stoppedAgain = await mcp.CallOkAsync("stop_process", new() { ["name"] = "echo" });
        stoppedAgain.GetProperty("action").GetString().Should().Be("already stopped");
    }

    [Fact]
    public async Task Restart_gives_the_instance_a_new_process()
    {
        using var home = new TestHome();
        home.WriteConfig(Configs.Echo);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await using var mcp = await McpSession.StartAsync(home.Path);

        var first = (await mcp.CallOkAsync("start_process", new() { ["name"] = "1" })).GetProperty("process").GetProperty("pid").GetInt32();
        var restarted = await mcp.CallOkAsync("restart_process", new() { ["name"] = "echo" });

        restarted.GetProperty("action").GetString().Should().Be("restarted");
        var second = restarted.GetProperty("process").GetProperty("pid").GetInt32();
        second.Should().NotBe(first);
        await Processes.GoneAsync(first, "the first echo loop");
        await mcp.CallOkAsync("stop_process", new() { ["name"] = "echo" });
        await Processes.GoneAsync(second, "the second echo loop");
    }

    [Fact]
    public async Task An_unknown_instance_is_a_tool_error_that_names_the_known_ones()
    {
        using var home = new TestHome();
        home.WriteConfig(Configs.Echo);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await using var mcp = await McpSession.StartAsync(home.Path);

        foreach (var tool in new[] { "get_process_status", "start_process", "stop_process", "restart_process", "get_process_logs" })
        {
            var result = await mcp.CallAsync(tool, new() { ["name"] = "web-2" });
            result.IsError.Should().BeTrue(tool);
            McpSession.Text(result).Should().Contain("no such instance 'web-2'").And.Contain("known: echo", tool);
        }

        // The server is still there after the errors.
        await mcp.CallOkAsync("list_processes");
    }

    [Fact]
    public async Task Bad_arguments_are_tool_errors_that_say_what_to_send()
    {
        using var home = new TestHome();
        home.WriteConfig(Configs.Echo);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await using var mcp = await McpSession.StartAsync(home.Path);

        var badState = await mcp.CallAsync("list_processes", new() { ["status"] = "sleeping" });
        badState.IsError.Should().BeTrue();
        McpSession.Text(badState).Should().Contain("status must be one of stopped, starting, running");

        var missing = await mcp.CallAsync("stop_process", new());
        missing.IsError.Should().BeTrue();
        McpSession.Text(missing).Should().Contain("'name'");

        var neither = await mcp.CallAsync("start_process", new());
        neither.IsError.Should().BeTrue();
        McpSession.Text(neither).Should().Contain("`name`").And.Contain("`command`");

        var tooMany = await mcp.CallAsync("get_process_logs", new() { ["name"] = "echo", ["lines"] = 100_000 });
        tooMany.IsError.Should().BeTrue();
        McpSession.Text(tooMany).Should().Contain("between 1 and 1000");
    }
}
