using System.Globalization;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using ServiceManager.EndToEnd.Tests.Fleet;

namespace ServiceManager.EndToEnd.Tests.Replicas;

/// <summary>
/// <c>svcmgr reload NAME</c> behind the daemon's <c>listen</c> socket: replacement first, old process stopped once the
/// replacement is ready, and a client hammering the port meanwhile sees no refused or reset connection.
/// </summary>
public sealed class RollingReloadTests : IDisposable
{
    private readonly TestHome _home = new();
    private readonly int _base = FreePorts.Block(4);

    public RollingReloadTests() => HandoverServer.Write(_home.Path);

    public void Dispose()
    {
        InstanceProcesses.KillAll(_home.Path);
        _home.Dispose();
    }

    private string Config(int instances, string extra = "") => $"""
        [instances.api]
        start_command = "python3 handover_server.py"
        working_dir = "{_home.Path}"
        port = {_base}
        instances = {instances}
        listen = "tcp://127.0.0.1:{"{port}"}"
        ready_log_line = "^READY"
        auto_start = true
        {extra}
        """;

    [Fact]
    public async Task A_client_hammering_two_members_during_a_rolling_reload_sees_no_failed_request()
    {
        _home.WriteConfig(Config(2));
        await using var daemon = await DaemonProcess.StartAsync(_home.Path);
        var before = new[] { await Instances.RunningPidAsync(daemon, "api.0"), await Instances.RunningPidAsync(daemon, "api.1") };

        using var stop = new CancellationTokenSource();
        var load = Task.Run(() => HammerAsync([_base, _base + 1], stop.Token));
        await Eventually.TrueAsync(() => load.IsCompleted || Volatile.Read(ref _served) > 20, "the client to get answers");
        var reload = await Svcmgr.RunAsync(_home.Path, "reload", "api");
        var mark = Volatile.Read(ref _served);
        await Eventually.TrueAsync(() => load.IsCompleted || Volatile.Read(ref _served) > mark + 20, "answers after the reload");
        await stop.CancelAsync();
        var (served, failures, pids) = await load;

        reload.ExitCode.Should().Be(0, reload.ToString());
        reload.Stdout.Should().Contain("replaced:    api.0, api.1");
        failures.Should().BeEmpty("a shared listening socket never refuses or resets a connection");
        var after = new[] { await Instances.RunningPidAsync(daemon, "api.0"), await Instances.RunningPidAsync(daemon, "api.1") };
        after.Should().NotIntersectWith(before, "both members were replaced");
        pids.Should().Contain(before).And.Contain(after, "old processes answered before and new ones after");
        await Processes.AllGoneAsync(before, "the replaced processes");
        served.Should().BeGreaterThan(40);
        var status = await Instances.StatusAsync(daemon, "api.0");
        status.Transitions.Last().Reason.Should().Contain("rolling reload").And.Contain($"replaces pid {before[0]}");
    }

    [Fact]
    public async Task A_replacement_not_ready_in_time_is_stopped_and_the_old_process_keeps_serving()
    {
        _home.WriteConfig(Config(1, "ready_timeout = \"1500ms\""));
        await using var daemon = await DaemonProcess.StartAsync(_home.Path);
        var old = await Instances.RunningPidAsync(daemon, "api.0");
        File.WriteAllText(Path.Combine(_home.Path, "not-ready"), "");

        var reload = await Svcmgr.RunAsync(_home.Path, "reload", "api");

        reload.ExitCode.Should().Be(1, reload.ToString());
        reload.Stderr.Should().Contain("api.0").And.Contain("not ready within ready_timeout 1.5s").And.Contain($"pid {old} keeps serving");
        (await Instances.GetAsync(daemon, "api.0")).Should().Match<Protocol.Messages.InstanceSummary>(s => s.State == "running" && s.Pid == old);
        (await GetAsync(_base)).Should().StartWith(old.ToString(CultureInfo.InvariantCulture));
        InstanceProcesses.Of(_home.Path, "api.0").Should().Equal([old], "the replacement was stopped");

        // Ready again: the next reload goes through, readiness from ready_log_line.
        File.Delete(Path.Combine(_home.Path, "not-ready"));
        var retry = await Svcmgr.RunAsync(_home.Path, "reload", "api.0");
        retry.ExitCode.Should().Be(0, retry.ToString());
        (await Instances.GetAsync(daemon, "api.0")).Pid.Should().NotBe(old);
    }

    [Fact]
    public async Task The_socket_reaches_the_child_as_fd_3_on_tcp_and_unix_and_a_port_in_use_is_a_clear_error()
    {
        var sockPath = Path.Combine(_home.Path, "api.sock");
        using var squatter = new TcpListener(System.Net.IPAddress.Loopback, _base + 2);
        squatter.Start();
        _home.WriteConfig($"""
            [instances.tcp]
            start_command = "python3 handover_server.py"
            working_dir = "{_home.Path}"
            port = {_base}
            listen = "tcp://127.0.0.1:{"{port}"}"
            auto_start = true

            [instances.unix]
            start_command = "python3 handover_server.py"
            working_dir = "{_home.Path}"
            listen = "unix:{sockPath}"
            auto_start = true

            [instances.taken]
            start_command = "python3 handover_server.py"
            port = {_base + 2}
            listen = "tcp://127.0.0.1:{"{port}"}"
            """);
        await using var daemon = await DaemonProcess.StartAsync(_home.Path);
        var tcpPid = await Instances.RunningPidAsync(daemon, "tcp");
        var unixPid = await Instances.RunningPidAsync(daemon, "unix");

        (await GetAsync(_base)).Should().Be($"{tcpPid} tcp", "LISTEN_PID was the child's own pid (else it exits) and LISTEN_FDNAMES is the instance's id");
        (await Eventually.GetAsync(() => GetUnixAsync(sockPath), body => body.Length > 0, "an answer on the unix socket"))
            .Should().StartWith(unixPid.ToString(CultureInfo.InvariantCulture));

        var start = await Svcmgr.RunAsync(_home.Path, "start", "taken");
        start.ExitCode.Should().Be(1, start.ToString());
        start.Stderr.Should().Contain($"cannot bind listen = \"tcp://127.0.0.1:{_base + 2}\"").And.Contain("in use");

        // Stopped: the daemon lets the socket go, so clients are refused rather than left waiting.
        (await Svcmgr.RunAsync(_home.Path, "stop", "tcp", "unix")).ExitCode.Should().Be(0);
        var refused = async () => await GetAsync(_base);
        await refused.Should().ThrowAsync<HttpRequestException>();
        File.Exists(sockPath).Should().BeFalse("the unix socket's file is removed with it");
    }

    [Fact]
    public async Task An_instance_on_a_fixed_port_without_listen_is_restarted_with_a_warning()
    {
        _home.WriteConfig($"""
            [instances.plain]
            start_command = "python3 -m http.server {"{port}"} --bind 127.0.0.1"
            port = {_base}
            auto_start = true
            """);
        await using var daemon = await DaemonProcess.StartAsync(_home.Path);
        var old = await Instances.RunningPidAsync(daemon, "plain");

        var reload = await Svcmgr.RunAsync(_home.Path, "reload", "plain");

        reload.ExitCode.Should().Be(0, reload.ToString());
        reload.Stdout.Should().Contain("restarted:   plain");
        reload.Stderr.Should().Contain("not zero-downtime").And.Contain("listen");
        (await Instances.RunningPidAsync(daemon, "plain")).Should().NotBe(old);
    }

    private int _served;

    /// <summary>Real HTTP requests, a new connection each, round-robin over the ports, as fast as they come back.</summary>
    private async Task<(int Served, List<string> Failures, HashSet<int> Pids)> HammerAsync(int[] ports, CancellationToken stop)
    {
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, ConnectTimeout = TimeSpan.FromSeconds(10) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var failures = new List<string>();
        var pids = new HashSet<int>();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var port = ports[i % ports.Length];
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/");
                request.Headers.ConnectionClose = true;
                using var response = await http.SendAsync(request, CancellationToken.None);
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                if (!response.IsSuccessStatusCode) failures.Add($"port {port}: HTTP {(int)response.StatusCode}");
                else pids.Add(int.Parse(body.Split(' ')[0], CultureInfo.InvariantCulture));
                Interlocked.Increment(ref _served);
            }
            catch (HttpRequestException ex)
            {
                failures.Add($"port {port}: {ex.Message} ({ex.InnerException?.Message})");
            }
        }

        return (Volatile.Read(ref _served), failures, pids);
    }

    private static async Task<string> GetAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return await http.GetStringAsync($"http://127.0.0.1:{port}/");
    }

    private static async Task<string> GetUnixAsync(string path)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
        await socket.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.0\r\n\r\n"));
        var buffer = new byte[4096];
        var text = new StringBuilder();
        int read;
        while ((read = await socket.ReceiveAsync(buffer)) > 0) text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        var response = text.ToString();
        return response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
    }
}
