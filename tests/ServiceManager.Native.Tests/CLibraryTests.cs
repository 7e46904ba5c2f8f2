using System.Text.Json;

namespace ServiceManager.Native.Tests;

/// <summary>libsvcmgr.so as a C program sees it (spec section 6): each test runs c/svcmgr-c.c against a real daemon.</summary>
[Collection(NativeLibraryCollection.Name)]
public sealed class CLibraryTests(NativeLibrary native) : IAsyncLifetime
{
    private const string Config = """
        [instances.s1]
        start_command = ["sleep", "3600"]
        auto_start = false

        [instances.s2]
        start_command = ["sleep", "3600"]
        """;

    private readonly TestHome _home = new();
    private DaemonProcess _daemon = null!;

    public async Task InitializeAsync()
    {
        _home.WriteConfig(Config);
        _daemon = await DaemonProcess.StartAsync(_home.Path);
    }

    public async Task DisposeAsync()
    {
        await _daemon.DisposeAsync();
        _home.Dispose();
    }

    private Task<CProgramResult> RunAsync(params string[] args) => CProgram.RunAsync(native.Program, _daemon.SocketPath, null, args);

    [Fact]
    public async Task Start_and_stop_return_0_and_list_shows_the_instance_as_they_left_it()
    {
        var started = await RunAsync("start", "s1");
        started.Rc.Should().Be(0, started.ToString());
        (await StateOfAsync("s1")).Should().Be("running");

        var stopped = await RunAsync("stop", "s1");
        stopped.Rc.Should().Be(0, stopped.ToString());
        (await StateOfAsync("s1")).Should().Be("stopped");
    }

    [Fact]
    public async Task Restart_gives_the_instance_a_new_process()
    {
        var before = await PidOfAsync("s2");

        var restarted = await RunAsync("restart", "s2");

        restarted.Rc.Should().Be(0, restarted.ToString());
        (await PidOfAsync("s2")).Should().NotBe(before);
    }

    [Fact]
    public async Task List_returns_the_daemons_json_answer()
    {
        var list = await RunAsync("list");

        list.Rc.Should().Be(0, list.ToString());
        using var json = JsonDocument.Parse(list.Result!);
        json.RootElement.EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().BeEquivalentTo("s1", "s2");
    }

    [Fact]
    public async Task An_unknown_name_is_4_with_the_daemons_message_and_changes_nothing()
    {
        var result = await RunAsync("start", "nope");

        result.Rc.Should().Be(4, result.ToString());
        result.Error.Should().Contain("nope");
        (await StateOfAsync("s1")).Should().Be("stopped");
    }

    [Fact]
    public async Task Call_passes_any_method_and_params_through()
    {
        var status = await RunAsync("call", "status", """{"name":"s2"}""");
        status.Rc.Should().Be(0, status.ToString());
        using (var json = JsonDocument.Parse(status.Result!))
            json.RootElement.GetProperty("id").GetString().Should().Be("s2");

        var unknownMethod = await RunAsync("call", "frobnicate", "{}");
        unknownMethod.Rc.Should().Be(1, unknownMethod.ToString());
        unknownMethod.Error.Should().Contain("frobnicate");

        var badParams = await RunAsync("call", "status", "[1,2]");
        badParams.Rc.Should().Be(64, badParams.ToString());
        badParams.Error.Should().Contain("JSON object");

        var wrongParams = await RunAsync("call", "status", """{"name":7}""");
        wrongParams.Rc.Should().Be(64, "the daemon answers invalid params (-32602), svcmgr's usage error: " + wrongParams);
    }

    [Fact]
    public async Task A_null_socket_path_finds_the_daemon_from_SVCMGR_HOME()
    {
        var list = await CProgram.RunAsync(native.Program, "-", _home.Path, "list");

        list.Rc.Should().Be(0, list.ToString());
        list.Result.Should().Contain("\"s1\"");
    }

    [Fact]
    public async Task Results_freed_with_svcmgr_free_do_not_accumulate()
    {
        var result = await RunAsync("free-loop", "2000");

        result.Rc.Should().Be(0, result.ToString());
        // Each answer is about 600 bytes: 1,000 of them kept would grow the heap by ~600 KB.
        long.Parse(result.Values["heap_growth"], System.Globalization.CultureInfo.InvariantCulture).Should().BeLessThan(64 * 1024, result.ToString());
    }

    [Fact]
    public async Task Two_threads_share_one_client_and_each_reads_its_own_last_error()
    {
        var result = await RunAsync("threads", "300", "s2");

        result.Rc.Should().Be(0, result.ToString());
        result.Values["list_failures"].Should().Be("0", result.ToString());
        result.Values["status_failures"].Should().Be("0", result.ToString());
        result.Values["unknown_rc"].Should().Be("4");
        result.Values["unknown_error"].Should().Contain("no-such-instance");
        result.Values["lister_error_null"].Should().Be("1", "a thread that never failed has no last error, whatever another thread did");
    }

    [Fact]
    public async Task Version_is_svcmgrs()
    {
        var version = await CProgram.RunAsync(native.Program, "-", null, "version");
        var cli = await Svcmgr.RunAsync(_home.Path, "--version");

        version.Result.Should().Be(cli.Stdout.Trim());
    }

    private async Task<string> StateOfAsync(string id)
    {
        await using var client = await _daemon.ConnectAsync();
        return (await client.StatusAsync(id)).State;
    }

    private async Task<int?> PidOfAsync(string id)
    {
        await using var client = await _daemon.ConnectAsync();
        return (await client.StatusAsync(id)).Pid;
    }
}
