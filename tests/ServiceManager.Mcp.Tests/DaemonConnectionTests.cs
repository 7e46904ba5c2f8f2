using ServiceManager.Mcp.Tests.Infrastructure;

namespace ServiceManager.Mcp.Tests;

/// <summary>The MCP server without a daemon, starting one, and outliving a daemon restart.</summary>
public sealed class DaemonConnectionTests
{
    [Fact]
    public async Task Without_a_daemon_every_tool_says_it_is_not_running_and_how_to_start_it()
    {
        using var home = new TestHome();
        await using var mcp = await McpSession.StartAsync(home.Path);

        foreach (var (tool, arguments) in new (string, Dictionary<string, object?>)[]
                 {
                     ("list_processes", []), ("get_process_status", new() { ["name"] = "web" }), ("start_process", new() { ["name"] = "web" }),
                 })
        {
            var result = await mcp.CallAsync(tool, arguments);
            result.IsError.Should().BeTrue(tool);
            McpSession.Text(result).Should().Contain("not running").And.Contain("`svcmgr daemon`").And.Contain("--start-daemon", tool);
        }

        File.Exists(home.PidFile).Should().BeFalse("without --start-daemon no daemon is started");
    }

    [Fact]
    public async Task With_start_daemon_a_daemon_is_started_in_the_background_and_outlives_the_server()
    {
        using var home = new TestHome();
        home.WriteConfig(Configs.Echo);
        int? daemonPid = null;
        try
        {
            await using (var mcp = await McpSession.StartAsync(home.Path, "--start-daemon"))
            {
                var listed = await mcp.CallOkAsync("list_processes");
                listed.GetProperty("processes").EnumerateArray().Select(p => p.GetProperty("id").GetString()).Should().Equal("echo");
                daemonPid = await DaemonPidAsync(home);
                daemonPid.Should().NotBeNull("the daemon answers ping");
            }

            (await DaemonPidAsync(home)).Should().Be(daemonPid, "the daemon keeps supervising after the assistant's session ends");
            File.ReadAllText(Path.Combine(home.Path, "daemon.log")).Should().Contain("listening on", "the daemon's stdout and stderr go to its log");
        }
        finally
        {
            daemonPid ??= await DaemonPidAsync(home);
            if (daemonPid is { } pid) await Processes.TerminateAsync(pid, "the daemon started by --start-daemon");
        }
    }

    [Fact]
    public async Task With_start_daemon_a_daemon_that_cannot_start_is_a_tool_error_quoting_its_output()
    {
        using var home = new TestHome();
        home.WriteConfig("[instances.web]\nstart_command = \"sleep 1000\"\nrestart = \"sometimes\"\n");
        await using var mcp = await McpSession.StartAsync(home.Path, "--start-daemon");

        var result = await mcp.CallAsync("list_processes");

        result.IsError.Should().BeTrue();
        McpSession.Text(result).Should().Contain("starting it failed").And.Contain("instances.web.restart")
            .And.Contain("daemon.log").And.Contain("`svcmgr daemon`");
        (await DaemonPidAsync(home)).Should().BeNull("the daemon refused its config");
    }

    /// <summary>The daemon's pid from <c>ping</c> (its pidfile is locked while it runs), or null if none answers.</summary>
    private static async Task<int?> DaemonPidAsync(TestHome home)
    {
        try
        {
            await using var client = await ServiceManager.Protocol.Client.DaemonClient.ConnectAsync(Path.Combine(home.Path, "svcmgr.sock"));
            return (await client.PingAsync()).Pid;
        }
        catch (ServiceManager.Protocol.Client.DaemonUnreachableException)
        {
            return null;
        }
    }

    [Fact]
    public async Task The_server_reconnects_when_the_daemon_is_restarted()
    {
        using var home = new TestHome();
        home.WriteConfig(Configs.Echo);
        await using var mcp = await McpSession.StartAsync(home.Path);

        await using (var first = await DaemonProcess.StartAsync(home.Path))
        {
            await mcp.CallOkAsync("list_processes");
            await first.TerminateAsync();
        }

        var gone = await mcp.CallAsync("list_processes");
        gone.IsError.Should().BeTrue();
        McpSession.Text(gone).Should().Contain("`svcmgr daemon`");

        await using var second = await DaemonProcess.StartAsync(home.Path);
        await mcp.CallOkAsync("list_processes");
        await mcp.CallOkAsync("get_process_status", new() { ["name"] = "echo" });
    }
}
