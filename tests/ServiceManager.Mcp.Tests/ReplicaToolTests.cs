using ServiceManager.Mcp.Tests.Infrastructure;

namespace ServiceManager.Mcp.Tests;

/// <summary>scale_process and restart_process with rolling = true, against a real daemon.</summary>
public sealed class ReplicaToolTests
{
    [Fact]
    public async Task A_group_is_scaled_and_reloaded_without_downtime_and_its_status_lists_the_members()
    {
        using var home = new TestHome();
        home.WriteConfig("""
            [instances.work]
            start_command = "sleep 1000"
            instances = 2
            auto_start = true
            """);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await Instances.WaitForStateAsync(daemon, "work.1", "running");
        await using var mcp = await McpSession.StartAsync(home.Path);

        var scaled = await mcp.CallOkAsync("scale_process", new() { ["name"] = "work", ["count"] = 3 });
        scaled.GetProperty("action").GetString().Should().Be("scaled");
        scaled.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetString())
            .Should().Equal("work.0", "work.1", "work.2");
        var before = (await Instances.ListAsync(daemon)).Select(s => s.Pid).ToList();

        // No port, so old and new process can overlap: each member is replaced new-first.
        var reloaded = await mcp.CallAsync("restart_process", new() { ["name"] = "work", ["rolling"] = true });
        McpSession.Text(reloaded).Should().Contain("reloaded without downtime: work.0, work.1, work.2");
        var after = await Instances.ListAsync(daemon);
        after.Should().OnlyContain(s => s.State == "running");
        after.Select(s => s.Pid).Should().NotIntersectWith(before);

        var wrong = await mcp.CallAsync("scale_process", new() { ["name"] = "work.0", ["count"] = 2 });
        McpSession.Text(wrong).Should().Contain("not a replica group");
    }
}
