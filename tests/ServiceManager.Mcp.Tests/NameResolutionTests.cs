using System.Globalization;
using ServiceManager.Mcp.Tests.Infrastructure;

namespace ServiceManager.Mcp.Tests;

/// <summary>The tools take NAMEs as the command line does: the daemon's one resolver answers both.</summary>
public sealed class NameResolutionTests
{
    [Fact]
    public async Task A_port_a_descendants_pid_and_all_resolve_as_on_the_command_line_and_an_ambiguous_name_lists_the_candidates()
    {
        using var home = new TestHome();
        home.WriteConfig("""
            [instances.all]
            start_command = ["sh", "-c", "sleep 1000 & echo $! > all.gpid; wait"]
            port = 47123
            auto_start = true

            [instances.other]
            start_command = "sleep 1000"
            """);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        await using var mcp = await McpSession.StartAsync(home.Path);
        await Instances.RunningPidAsync(daemon, "all");
        var grandchild = await Processes.ReadPidFileAsync(Path.Combine(home.Path, "all.gpid"));

        var byPort = await mcp.CallOkAsync("get_process_status", new() { ["name"] = "47123" });
        var byPid = await mcp.CallOkAsync("get_process_status", new() { ["name"] = "pid:" + grandchild.ToString(CultureInfo.InvariantCulture) });
        var ambiguous = await mcp.CallAsync("stop_process", new() { ["name"] = "all" });

        byPort.GetProperty("id").GetString().Should().Be("all");
        byPid.GetProperty("id").GetString().Should().Be("all", "a descendant's pid names its instance");
        ambiguous.IsError.Should().BeTrue();
        McpSession.Text(ambiguous).Should().Contain("'all' is ambiguous: it fits all, every instance");
        (await Instances.GetAsync(daemon, "all")).State.Should().Be("running", "nothing was done");
    }
}
