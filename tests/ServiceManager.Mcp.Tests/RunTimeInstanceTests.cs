using System.Text.Json;
using ServiceManager.Mcp.Tests.Infrastructure;

namespace ServiceManager.Mcp.Tests;

/// <summary>Instances made at run time through the tools: ad-hoc commands (the daemon's <c>run</c>) and template copies.</summary>
public sealed class RunTimeInstanceTests
{
    [Fact]
    public async Task An_ad_hoc_command_runs_as_a_managed_instance_until_stopped_and_removed()
    {
        using var home = new TestHome();
        home.WriteConfig(Configs.Echo);
        var work = Directory.CreateDirectory(Path.Combine(home.Path, "work")).FullName;
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await using var mcp = await McpSession.StartInAsync(home.Path, home.Path);

        var started = await mcp.CallOkAsync("start_process", new()
        {
            ["name"] = "adhoc",
            ["command"] = new[] { "sh", "-c", "echo \"hello $GREETING in $PWD\"; while :; do echo tick; sleep 0.2; done" },
            ["cwd"] = "work",
            ["env"] = new Dictionary<string, string> { ["GREETING"] = "hi" },
        });
        started.GetProperty("action").GetString().Should().Be("started");
        started.GetProperty("process").GetProperty("id").GetString().Should().Be("adhoc");

        var running = await Eventually.GetAsync(
            () => mcp.CallOkAsync("get_process_status", new() { ["name"] = "adhoc" }),
            s => s.GetProperty("state").GetString() == "running" && s.GetProperty("pid").ValueKind == JsonValueKind.Number, "adhoc to run");
        var pid = running.GetProperty("pid").GetInt32();
        running.GetProperty("workingDirectory").GetString().Should().Be(work, "a relative cwd is resolved against the server's directory");

        var greeting = await Eventually.GetAsync(
            () => mcp.CallAsync("get_process_logs", new() { ["name"] = "adhoc", ["filter"] = "hello" }),
            r => McpSession.Text(r).Contains("hello hi in " + work, StringComparison.Ordinal), "the greeting in adhoc's log");
        greeting.IsError.Should().NotBe(true);

        var listed = await mcp.CallOkAsync("list_processes");
        listed.GetProperty("processes").EnumerateArray().Select(p => p.GetProperty("id").GetString()).Should().Contain(["echo", "adhoc"]);

        (await mcp.CallOkAsync("stop_process", new() { ["name"] = "adhoc" })).GetProperty("action").GetString().Should().Be("stopped");
        await Processes.GoneAsync(pid, "the ad-hoc loop");

        var removed = await mcp.CallOkAsync("remove_instance", new() { ["name"] = "adhoc" });
        removed.GetProperty("removed").EnumerateArray().Select(r => r.GetString()).Should().Equal("adhoc");
        var after = await mcp.CallOkAsync("list_processes");
        after.GetProperty("processes").EnumerateArray().Select(p => p.GetProperty("id").GetString()).Should().Equal("echo");

        var again = await mcp.CallAsync("remove_instance", new() { ["name"] = "adhoc" });
        again.IsError.Should().BeTrue();
        McpSession.Text(again).Should().Contain("no such instance 'adhoc'");
    }

    [Fact]
    public async Task A_template_instance_is_created_started_and_removed()
    {
        using var home = new TestHome();
        home.WriteConfig(Configs.Echo);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await using var mcp = await McpSession.StartAsync(home.Path);

        var templates = await mcp.CallOkAsync("list_templates");
        templates.GetProperty("templates").EnumerateArray().Select(t => t.GetProperty("id").GetString()).Should().Equal("worker");

        var created = await mcp.CallOkAsync("create_instance", new() { ["template"] = "worker", ["start"] = true });
        created.GetProperty("action").GetString().Should().Be("created");
        var id = created.GetProperty("process").GetProperty("id").GetString()!;
        created.GetProperty("process").GetProperty("template").GetString().Should().Be("worker");

        var running = await Eventually.GetAsync(
            () => mcp.CallOkAsync("get_process_status", new() { ["name"] = id }),
            s => s.GetProperty("state").GetString() == "running" && s.GetProperty("pid").ValueKind == JsonValueKind.Number, $"{id} to run");
        var pid = running.GetProperty("pid").GetInt32();
        await Eventually.GetAsync(
            () => mcp.CallOkAsync("get_process_logs", new() { ["name"] = id, ["stream"] = "stdout", ["lines"] = 1 }),
            r => r.GetProperty("lines").EnumerateArray().Any(l => l.GetProperty("text").GetString() == $"work {id}"), $"{id} to print its name");

        var removed = await mcp.CallOkAsync("remove_instance", new() { ["name"] = id });
        removed.GetProperty("removed").EnumerateArray().Select(r => r.GetString()).Should().Equal(id);
        await Processes.GoneAsync(pid, $"the {id} loop");
    }

    [Fact]
    public async Task A_command_that_cannot_be_executed_is_a_tool_error()
    {
        using var home = new TestHome();
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await using var mcp = await McpSession.StartAsync(home.Path);

        var result = await mcp.CallAsync("start_process", new() { ["name"] = "ghost", ["command"] = new[] { "no-such-program-xyz" } });

        result.IsError.Should().BeTrue();
        McpSession.Text(result).Should().Contain("no-such-program-xyz");
        await mcp.CallOkAsync("list_processes");
    }
}
