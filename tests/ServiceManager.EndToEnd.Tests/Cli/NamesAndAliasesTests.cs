using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace ServiceManager.EndToEnd.Tests.Cli;

/// <summary>
/// Names users of the seeds type (a bare port, <c>pid:N</c>, <c>all</c>), the aliases (<c>instances</c>, <c>info</c>,
/// <c>logs --tail</c>, <c>start --command</c>) and <c>kill</c>, against a real daemon.
/// </summary>
public sealed class NamesAndAliasesTests : IAsyncLifetime
{
    private readonly TestHome _home = new();
    private DaemonProcess _daemon = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _port = FreePort();
        _home.WriteConfig($"""
            [instances.web]
            start_command = "python3 -m http.server {_port} --bind 127.0.0.1"
            port = {_port}
            auto_start = true

            [instances.family]
            start_command = ["sh", "-c", 'echo hello; sleep 1000 & echo $! > family.gpid; wait']
            auto_start = true

            [instances.stubborn]
            start_command = ["sh", "-c", "trap 'echo TERM > got-term; exit 0' TERM; echo $$ > stubborn.pid; while :; do sleep 1; done"]
            stop_timeout = "60s"
            restart = "always"
            """);
        _daemon = await DaemonProcess.StartAsync(_home.Path);
    }

    public async Task DisposeAsync()
    {
        await _daemon.DisposeAsync();
        _home.Dispose();
    }

    private Task<CliResult> Cli(params string[] args) => Svcmgr.RunAsync(_home.Path, args);

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_bare_port_and_a_pid_of_any_process_of_an_instance_name_that_instance()
    {
        await Instances.RunningPidAsync(_daemon, "web");
        var child = await Instances.RunningPidAsync(_daemon, "family");
        var grandchild = await Processes.ReadPidFileAsync(Path.Combine(_home.Path, "family.gpid"));

        var byPort = await Cli("status", Text(_port));
        var byColonPort = await Cli("status", ":" + Text(_port));
        var byChild = await Cli("status", "pid:" + Text(child));
        var byGrandchild = await Cli("status", "pid:" + Text(grandchild));
        var byNumericId = await Cli("status", Text((await Instances.GetAsync(_daemon, "family")).NumericId));

        byPort.Stdout.Should().StartWith("instance:   web ", byPort.ToString());
        byColonPort.Stdout.Should().StartWith("instance:   web ", byColonPort.ToString());
        byChild.Stdout.Should().StartWith("instance:   family ", byChild.ToString());
        byGrandchild.Stdout.Should().StartWith("instance:   family ", "a descendant's pid names the instance too; " + byGrandchild);
        byNumericId.Stdout.Should().StartWith("instance:   family ", "a number that is a numeric id is that id; " + byNumericId);

        var stranger = await Cli("stop", "pid:" + Text(Environment.ProcessId));
        stranger.ExitCode.Should().Be(4, "the test host is no instance's process; " + stranger);
        stranger.Stderr.Should().Contain($"no such instance 'pid:{Text(Environment.ProcessId)}'");

        var stop = await Cli("stop", Text(_port));
        stop.ExitCode.Should().Be(0, stop.ToString());
        stop.Stdout.Should().Be("stopped web\n");
    }

    [Fact]
    public async Task All_alone_means_every_instance_for_start_stop_and_restart()
    {
        await Instances.RunningPidAsync(_daemon, "family");

        var start = await Cli("start", "all");
        start.ExitCode.Should().Be(0, start.ToString());
        start.Stdout.Should().Contain("started stubborn").And.Contain("web: already running").And.Contain("family: already running");

        var restart = await Cli("restart", "all");
        restart.ExitCode.Should().Be(0, restart.ToString());
        restart.Stdout.Should().Contain("restarted web").And.Contain("restarted family").And.Contain("restarted stubborn");

        var status = await Cli("status", "all");
        status.ExitCode.Should().Be(4, "for other commands all is an ordinary name; " + status);
    }

    [Fact]
    public async Task The_aliases_do_what_the_commands_they_stand_for_do()
    {
        await Instances.WaitForAsync(_daemon, "family", s => s.State == "running", "to run");

        var instances = await Cli("instances");
        var info = await Cli("info", "family");
        var tail = await Eventually.GetAsync(() => Cli("logs", "family", "--tail", "1", "--stream", "stdout"), r => r.Stdout.Contains("hello"), "family's hello in its log");
        var command = await Cli("start", "--name", "oneliner", "--command", "sh -c 'echo one; sleep 1000' extra");

        instances.ExitCode.Should().Be(0, instances.ToString());
        TextTable.Parse(instances.Stdout).Rows.Select(r => r["NAME"]).Should().Equal("web", "family", "stubborn");
        info.Stdout.Should().StartWith("instance:   family ", info.ToString());
        tail.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle().Which.Should().EndWith(" out hello");
        command.ExitCode.Should().Be(0, command.ToString());
        (await Instances.StatusAsync(_daemon, "oneliner")).Command.Should().Equal(["sh", "-c", "echo one; sleep 1000", "extra"],
            "the line is split like a config start_command");
        (await Cli("start", "--command", "sleep 1", "--", "sleep", "1")).ExitCode.Should().Be(64, "a command both ways");
    }

    [Fact]
    public async Task Kill_sends_sigkill_to_the_whole_group_at_once_and_leaves_the_instance_stopped()
    {
        (await Cli("start", "stubborn")).ExitCode.Should().Be(0);
        var child = await Processes.ReadPidFileAsync(Path.Combine(_home.Path, "stubborn.pid"));
        var group = ServiceManager.Platform.Unix.ProcScan.Pids()
            .Where(pid => ServiceManager.Platform.Unix.ProcStat.Read(pid) is { ProcessGroup: var g } && g == child).ToList();

        var kill = await Cli("kill", "stubborn");

        kill.ExitCode.Should().Be(0, kill.ToString());
        kill.Stdout.Should().Be("killed stubborn\n");
        var detail = await Instances.StatusAsync(_daemon, "stubborn");
        detail.State.Should().Be("stopped", "kill leaves it stopped although restart = always");
        detail.LastExit!.Signal.Should().Be("SIGKILL");
        detail.Transitions[^1].Reason.Should().Be("killed by request");
        detail.Transitions[^2].Reason.Should().Contain("SIGKILL to process group " + Text(child));
        File.Exists(Path.Combine(_home.Path, "got-term")).Should().BeFalse("kill sends no SIGTERM first, and waits no grace");
        group.Where(Processes.IsAlive).Should().BeEmpty("every process of the group got SIGKILL");

        (await Cli("kill", "stubborn")).Stdout.Should().Be("stubborn: already stopped\n");
        (await Cli("kill", "nope")).ExitCode.Should().Be(4);
    }

    [Fact]
    public async Task Doctor_port_names_the_holder_of_a_port_svcmgrs_or_not()
    {
        var web = await Instances.RunningPidAsync(_daemon, "web");
        await Eventually.TrueAsync(() => ServiceManager.Platform.Unix.ProcNetTcp.ListeningSockets(new HashSet<int> { _port }).Count > 0, "web to listen");
        var foreign = new TcpListener(IPAddress.Loopback, 0);
        foreign.Start();
        try
        {
            var foreignPort = ((IPEndPoint)foreign.LocalEndpoint).Port;

            var ours = await Cli("doctor", "port", Text(_port));
            var theirs = await Cli("doctor", "port", Text(foreignPort));
            var json = await Cli("doctor", "port", Text(foreignPort), "--json");

            ours.ExitCode.Should().Be(0, ours.ToString());
            var row = TextTable.Parse(ours.Stdout).Row("PORT", Text(_port));
            row["PID"].Should().Be(Text(web));
            row["INSTANCE"].Should().Be("web");
            row["PROCESS"].Should().Contain("http.server");
            var stranger = TextTable.Parse(theirs.Stdout).Row("PORT", Text(foreignPort));
            stranger["PID"].Should().Be(Text(Environment.ProcessId), "the test host itself listens there");
            stranger["INSTANCE"].Should().Be("-");
            stranger["ADDRESS"].Should().Be("127.0.0.1");
            using var document = JsonDocument.Parse(json.Stdout);
            document.RootElement[0].GetProperty("pid").GetInt32().Should().Be(Environment.ProcessId);
            document.RootElement[0].GetProperty("instance").ValueKind.Should().Be(JsonValueKind.Null);
        }
        finally
        {
            foreign.Stop();
        }

        (await Cli("stop", "web")).ExitCode.Should().Be(0);
        var free = await Cli("doctor", "port", Text(_port));
        free.Stdout.Should().Be($"nothing listens on TCP port {Text(_port)} (IPv4 or IPv6, any address); it is the port of instance web\n");
        (await Cli("doctor", "port", "0")).ExitCode.Should().Be(64);
    }

    [Fact]
    public async Task A_name_that_fits_several_instances_is_a_usage_error_listing_them_and_nothing_is_done()
    {
        using var home = new TestHome();
        home.WriteConfig("""
            [instances.all]
            start_command = "sleep 1000"

            [instances.other]
            start_command = "sleep 1000"
            """);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);

        var start = await Svcmgr.RunAsync(home.Path, "start", "all");

        start.ExitCode.Should().Be(64, start.ToString());
        start.Stderr.Should().Contain("'all' is ambiguous: it fits all, every instance; use --all");
        (await Instances.ListAsync(daemon)).Should().OnlyContain(s => s.State == "stopped", "nothing was started");
        using var raw = await RawConnection.ConnectAsync(daemon.SocketPath);
        await raw.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"stop","params":{"names":["all"]}}""" + "\n");
        using var reply = JsonDocument.Parse((await raw.ReadLineAsync())!);
        var error = reply.RootElement.GetProperty("error");
        error.GetProperty("code").GetInt32().Should().Be(-32602);
        error.GetProperty("data").GetProperty("candidates").EnumerateArray().Select(c => c.GetString()).Should().Equal("all", "every instance");
        (await Svcmgr.RunAsync(home.Path, "start", "--all")).ExitCode.Should().Be(0, "--all is never ambiguous");
    }

    [Fact]
    public async Task Doctor_port_works_without_a_daemon()
    {
        using var lonely = new TestHome();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;

            var result = await Svcmgr.RunAsync(lonely.Path, "doctor", "port", Text(port));

            result.ExitCode.Should().Be(0, result.ToString());
            result.Stdout.Should().Contain("no daemon answers, so no instance was looked up");
            TextTable.Parse(result.Stdout.Split("\n\n")[0]).Row("PORT", Text(port))["PID"].Should().Be(Text(Environment.ProcessId));
        }
        finally
        {
            listener.Stop();
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
