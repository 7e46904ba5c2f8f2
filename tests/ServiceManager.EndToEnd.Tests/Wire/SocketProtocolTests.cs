using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.EndToEnd.Tests.Wire;

/// <summary>The Unix socket and the JSON-RPC wire, spoken with raw bytes.</summary>
public sealed class SocketProtocolTests
{
    private const string Ping = """{"jsonrpc":"2.0","id":99,"method":"ping","params":{}}""";

    private const string Config = """
        [instances.talker]
        start_command = ["sh", "-c", 'echo ready; while :; do if mv say said 2>/dev/null; then cat said; fi; sleep 0.02; done']
        auto_start = true

        [instances.quiet]
        start_command = "sleep 1000"
        """;

    private static async Task<DaemonProcess> StartAsync(TestHome home)
    {
        home.WriteConfig(Config);
        return await DaemonProcess.StartAsync(home.Path);
    }

    private static void AssertPingReply(JsonElement reply, int daemonPid)
    {
        reply.GetProperty("jsonrpc").GetString().Should().Be("2.0");
        reply.GetProperty("id").GetInt32().Should().Be(99);
        reply.TryGetProperty("error", out _).Should().BeFalse(reply.ToString());
        reply.GetProperty("result").GetProperty("pid").GetInt32().Should().Be(daemonPid);
    }

    private static void AssertError(JsonElement reply, int code, JsonValueKind idKind = JsonValueKind.Null, int? id = null)
    {
        reply.GetProperty("jsonrpc").GetString().Should().Be("2.0", reply.ToString());
        reply.GetProperty("error").GetProperty("code").GetInt32().Should().Be(code, reply.ToString());
        reply.GetProperty("error").GetProperty("message").GetString().Should().NotBeNullOrWhiteSpace();
        reply.GetProperty("id").ValueKind.Should().Be(idKind, reply.ToString());
        if (id is { } expected) reply.GetProperty("id").GetInt32().Should().Be(expected);
        reply.TryGetProperty("result", out _).Should().BeFalse();
    }

    private static string FileModeText(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%A", path]) { RedirectStandardOutput = true })!;
        var text = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return text;
    }

    [Fact]
    public async Task The_socket_is_mode_0600_in_a_directory_only_its_owner_can_enter()
    {
        using var test = new TestHome();
        // Directories the daemon creates itself: the home, and the parent of a --socket path.
        var home = Path.Combine(test.Path, "home");
        var socket = Path.Combine(test.Path, "run", "s.sock");

        await using var daemon = await DaemonProcess.StartAsync(home);
        await using var other = await DaemonProcess.StartAsync(Path.Combine(test.Path, "home2"), "--socket", socket);

        foreach (var path in new[] { daemon.SocketPath, other.SocketPath })
        {
            FileModeText(path).Should().Be("srw-------", $"{path} is a socket only its owner may use");
            var directory = Path.GetDirectoryName(path)!;
            (File.GetUnixFileMode(directory) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute))
                .Should().Be(UnixFileMode.None, $"{directory} is not group or world accessible");
        }
    }

    [Fact]
    public async Task A_home_that_already_existed_open_to_others_is_made_owner_only()
    {
        using var test = new TestHome();
        File.SetUnixFileMode(test.Path, (UnixFileMode)0x1FF);
        await using var daemon = await DaemonProcess.StartAsync(test.Path);
        File.GetUnixFileMode(test.Path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public async Task Malformed_lines_get_json_rpc_errors_and_the_same_connection_keeps_working()
    {
        using var home = new TestHome();
        await using var daemon = await StartAsync(home);
        using var connection = await RawConnection.ConnectAsync(daemon.SocketPath);
        var pid = daemon.Process.Id;

        AssertError(await connection.CallAsync("this is not json"), RpcErrorCodes.ParseError);
        AssertError(await connection.CallAsync("""{"jsonrpc":"2.0","id":1,"method":"ping","params":{}"""), RpcErrorCodes.ParseError);
        AssertError(await connection.CallAsync("[1,2]"), RpcErrorCodes.InvalidRequest);
        AssertError(await connection.CallAsync("42"), RpcErrorCodes.InvalidRequest);
        AssertError(await connection.CallAsync("""{"jsonrpc":"2.0","id":2,"method":"ping","params":5}"""), RpcErrorCodes.InvalidParams, JsonValueKind.Number, 2);
        AssertError(await connection.CallAsync("""{"jsonrpc":"2.0","id":3,"method":"noSuchMethod","params":{}}"""), RpcErrorCodes.MethodNotFound, JsonValueKind.Number, 3);
        AssertError(await connection.CallAsync("""{"jsonrpc":"1.0","id":4,"method":"ping","params":{}}"""), RpcErrorCodes.InvalidRequest, JsonValueKind.Number, 4);

        var wrongType = await connection.CallAsync("""{"jsonrpc":"2.0","id":5,"method":"status","params":{"name":5}}""");
        wrongType.GetProperty("id").GetInt32().Should().Be(5, wrongType.ToString());
        wrongType.GetProperty("error").GetProperty("code").GetInt32().Should().Be(RpcErrorCodes.InvalidParams, wrongType.ToString());
        wrongType.GetProperty("error").TryGetProperty("data", out _).Should().BeFalse("the daemon's exception chains and stack traces stay inside it");

        var unknown = await connection.CallAsync("""{"jsonrpc":"2.0","id":"six","method":"status","params":{"name":"nosuch"}}""");
        AssertError(unknown, RpcErrorCodes.NotFound, JsonValueKind.String);
        unknown.GetProperty("id").GetString().Should().Be("six");

        // A malformed notification (no id) is dropped without a reply: the next line read answers the ping.
        await connection.SendAsync("""{"jsonrpc":"2.0","method":5}""" + "\n");
        AssertPingReply(await connection.CallAsync(Ping), pid);

        var list = await connection.CallAsync("""{"jsonrpc":"2.0","id":7,"method":"list","params":{}}""");
        list.GetProperty("result").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().BeEquivalentTo("talker", "quiet");
    }

    [Fact]
    public async Task A_line_over_1_MiB_gets_an_error_and_the_connection_still_answers()
    {
        using var home = new TestHome();
        await using var daemon = await StartAsync(home);
        using var connection = await RawConnection.ConnectAsync(daemon.SocketPath);

        var huge = new byte[2 * 1024 * 1024];
        huge.AsSpan().Fill((byte)'x');
        var sending = connection.SendAsync(huge);
        // The error may come before the line ends: the daemon does not buffer the whole line.
        var error = await connection.ReadJsonAsync();
        await sending;
        await connection.SendAsync("\n" + Ping + "\n");

        AssertError(error, RpcErrorCodes.InvalidRequest);
        AssertPingReply(await connection.ReadJsonAsync(), daemon.Process.Id);

        // And a huge line that is valid JSON is refused the same way.
        var bigJson = """{"jsonrpc":"2.0","id":8,"method":"ping","params":{"pad":""" + "\"" + new string('y', 1_100_000) + "\"}}\n";
        sending = connection.SendAsync(Encoding.UTF8.GetBytes(bigJson));
        AssertError(await connection.ReadJsonAsync(), RpcErrorCodes.InvalidRequest);
        await sending;
        AssertPingReply(await connection.CallAsync(Ping), daemon.Process.Id);
    }

    [Fact]
    public async Task A_client_that_half_closes_after_its_requests_still_gets_every_full_response()
    {
        using var home = new TestHome();
        // Enough instances to make the list response span several socket writes.
        home.WriteConfig(string.Join("\n", Enumerable.Range(1, 60).Select(i => $"[instances.svc-{i}]\nstart_command = \"sleep 1000\"\ntags = [\"{new string('t', 200)}\"]\n")));
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        using var connection = await RawConnection.ConnectAsync(daemon.SocketPath);

        await connection.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"list","params":{}}""" + "\n" + Ping + "\n");
        connection.ShutdownSend();

        var replies = new List<JsonElement>();
        while (await connection.ReadLineAsync() is { } line)
        {
            using var document = JsonDocument.Parse(line);
            replies.Add(document.RootElement.Clone());
        }

        replies.Should().HaveCount(2, "both requests are answered before the daemon closes its side");
        var list = replies.Single(r => r.GetProperty("id").GetInt32() == 1);
        list.GetProperty("result").GetArrayLength().Should().Be(60);
        AssertPingReply(replies.Single(r => r.GetProperty("id").GetInt32() == 99), daemon.Process.Id);
    }

    [Fact]
    public async Task Following_an_instance_that_a_reload_removes_ends_the_subscription_with_a_notice()
    {
        using var home = new TestHome();
        await using var daemon = await StartAsync(home);
        await using var client = await daemon.ConnectAsync();
        var reply = await client.LogsAsync(new LogsParams(["quiet"], 0, true));
        reply.Subscription.Should().NotBeNull();

        home.WriteConfig("""
            [instances.talker]
            start_command = ["sh", "-c", 'echo ready; while :; do if mv say said 2>/dev/null; then cat said; fi; sleep 0.02; done']
            auto_start = true
            """);
        (await client.ReloadAsync()).Removed.Should().Equal("quiet");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var notice = await client.Notifications.ReadAsync(timeout.Token);
        notice.Method.Should().Be(RpcMethods.SubscriptionEnded);
        var ended = notice.Params.Deserialize(ProtocolJsonContext.Default.SubscriptionEndedNotification)!;
        ended.Subscription.Should().Be(reply.Subscription);
        ended.Reason.Should().Contain("removed");
        (await client.PingAsync()).Pid.Should().Be(daemon.Process.Id);
    }

    [Fact]
    public async Task A_follower_that_disconnects_mid_stream_disturbs_neither_the_daemon_nor_other_followers()
    {
        using var home = new TestHome();
        await using var daemon = await StartAsync(home);
        await LogFiles.WaitForAsync(home, "talker", "out ready");
        const string Follow = """{"jsonrpc":"2.0","id":1,"method":"logs","params":{"names":["talker"],"lines":0,"follow":true}}""";

        var leaver = await RawConnection.ConnectAsync(daemon.SocketPath);
        var leaverReply = await leaver.CallAsync(Follow);
        leaverReply.GetProperty("result").GetProperty("subscription").GetString().Should().NotBeNullOrEmpty();
        await using var stayer = await daemon.ConnectAsync();
        var stayerReply = await stayer.LogsAsync(new LogsParams(["talker"], 0, true));
        stayerReply.Subscription.Should().NotBeNull();

        LogFiles.Signal(home, "say", "first-line\n");
        var first = await leaver.ReadJsonAsync();
        first.GetProperty("method").GetString().Should().Be("log");
        first.GetProperty("params").GetProperty("line").GetProperty("text").GetString().Should().Be("first-line");
        (await NextLogTextAsync(stayer)).Should().Be("first-line");

        leaver.Dispose();
        LogFiles.Signal(home, "say", "second-line\n");

        (await NextLogTextAsync(stayer)).Should().Be("second-line", "the other follower still gets lines");
        (await stayer.PingAsync()).Pid.Should().Be(daemon.Process.Id);
        await using var fresh = await daemon.ConnectAsync();
        (await fresh.PingAsync()).Pid.Should().Be(daemon.Process.Id);
        (await fresh.LogsAsync(new LogsParams(["talker"], 5))).Lines.Select(l => l.Text).Should().Contain("second-line");
        daemon.Process.HasExited.Should().BeFalse();
    }

    private static async Task<string?> NextLogTextAsync(ServiceManager.Protocol.Client.DaemonClient client)
    {
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        var notification = await client.Notifications.ReadAsync(timeout.Token);
        notification.Method.Should().Be(RpcMethods.LogNotification);
        return notification.Params.Deserialize(ProtocolJsonContext.Default.LogNotification)!.Line.Text;
    }

    [Fact]
    public async Task Twenty_concurrent_clients_each_ping_and_list()
    {
        using var home = new TestHome();
        await using var daemon = await StartAsync(home);
        using var start = new SemaphoreSlim(0);

        var clients = Enumerable.Range(0, 20).Select(async _ =>
        {
            await using var client = await daemon.ConnectAsync();
            await start.WaitAsync();
            var ping = await client.PingAsync();
            var list = await client.ListAsync(new ListParams());
            return (ping.Pid, list.Count);
        }).ToList();
        start.Release(20);
        var results = await Task.WhenAll(clients);

        results.Should().HaveCount(20).And.OnlyContain(r => r.Pid == daemon.Process.Id && r.Count == 2);
    }
}
