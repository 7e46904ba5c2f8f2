using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ServiceManager.Protocol;

namespace ServiceManager.EndToEnd.Tests.Diagnostics;

/// <summary><c>svcmgr ports</c>: who listens on each instance's port, read from /proc against real listeners.</summary>
public sealed class PortsCommandTests
{
    private static string WebConfig(int port, string restart = "on-failure") => $"""
        [instances.web]
        start_command = "python3 -m http.server {port} --bind 127.0.0.1"
        port = {port}
        auto_start = true
        restart = "{restart}"

        [instances.quiet]
        start_command = "sleep 1000"
        """;

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    [Fact]
    public async Task A_listening_instance_is_shown_with_its_pid_and_no_conflict()
    {
        using var home = new TestHome();
        var port = FreePort();
        home.WriteConfig(WebConfig(port));
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        var pid = await Instances.RunningPidAsync(daemon, "web");
        await Eventually.GetAsync(async () =>
        {
            await using var client = await daemon.ConnectAsync();
            return await client.PortsAsync();
        }, rows => rows.Single().Listening, "python to listen");

        var result = await Svcmgr.RunAsync(home.Path, "ports");

        result.ExitCode.Should().Be(0, result.ToString());
        var row = TextTable.Parse(result.Stdout).Row("PORT", port.ToString(CultureInfo.InvariantCulture));
        row["INSTANCE"].Should().Be("web");
        row["STATE"].Should().Be("running");
        row["LISTENING"].Should().Be("yes");
        row["PID"].Should().Be(pid.ToString(CultureInfo.InvariantCulture));
        row["CONFLICT"].Should().Be("no");
        row["PROCESS"].Should().Contain("http.server");

        var json = await Svcmgr.RunAsync(home.Path, "ports", "--json");
        json.ExitCode.Should().Be(0, json.ToString());
        var info = JsonSerializer.Deserialize(json.Stdout, ProtocolJsonContext.Default.IReadOnlyListPortInfo)!.Should().ContainSingle("only web has a port").Subject;
        info.Should().BeEquivalentTo(new { Port = port, Instance = "web", Listening = true, Pid = (int?)pid, Conflict = false });
    }

    [Fact]
    public async Task A_foreign_listener_on_an_instance_port_is_a_conflict_and_a_doctor_failure()
    {
        using var home = new TestHome();
        var foreign = new TcpListener(IPAddress.Loopback, 0);
        foreign.Start();
        try
        {
            var port = ((IPEndPoint)foreign.LocalEndpoint).Port;
            home.WriteConfig(WebConfig(port, restart: "never"));
            await using var daemon = await DaemonProcess.StartAsync(home.Path);
            // python cannot bind the port and exits; with restart = "never" it stays down.
            await Instances.WaitForAsync(daemon, "web", s => s.State is "stopped" or "failed" && s.LastExit is not null, "to give up on the busy port");

            var result = await Svcmgr.RunAsync(home.Path, "ports");

            result.ExitCode.Should().Be(0, result.ToString());
            var row = TextTable.Parse(result.Stdout.Split("\n\n")[0]).Row("PORT", port.ToString(CultureInfo.InvariantCulture));
            row["INSTANCE"].Should().Be("web");
            row["LISTENING"].Should().Be("yes");
            row["PID"].Should().Be(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "this test holds the port");
            row["CONFLICT"].Should().Be("yes");

            var doctor = await Svcmgr.RunAsync(home.Path, "doctor");
            doctor.ExitCode.Should().Be(1, doctor.ToString());
            doctor.Stdout.Should().MatchRegex($@"(?m)^\[FAIL\] +ports: port {port} of web is held by pid {Environment.ProcessId} ");
        }
        finally
        {
            foreign.Stop();
        }
    }
}
