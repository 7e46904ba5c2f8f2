using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using ServiceManager.EndToEnd.Tests.Fleet;
using ServiceManager.Platform.Unix;

namespace ServiceManager.EndToEnd.Tests.Replicas;

/// <summary>
/// <c>instances = N</c>: members NAME.0 … NAME.(N-1), a port each, <c>{index}</c>; NAME addresses every member;
/// <c>svcmgr scale</c> changes N and the change survives <c>kill -9</c> of the daemon until the file's count changes.
/// </summary>
public sealed class ReplicaTests : IDisposable
{
    private readonly TestHome _home = new();
    private readonly int _base = FreePorts.Block(8);

    public void Dispose()
    {
        InstanceProcesses.KillAll(_home.Path);
        _home.Dispose();
    }

    private string Port(int offset) => (_base + offset).ToString(CultureInfo.InvariantCulture);

    private async Task OkAsync(params string[] args)
    {
        var result = await Svcmgr.RunAsync(_home.Path, args);
        result.ExitCode.Should().Be(0, result.ToString());
    }

    [Fact]
    public async Task Members_get_a_port_and_an_index_each_and_the_group_name_addresses_them_all()
    {
        _home.WriteConfig($"""
            [instances.api]
            start_command = "python3 -m http.server {"{port}"} --bind 127.0.0.1"
            port_range = [{_base}, {_base + 5}]
            instances = 3
            auto_start = true
            env = {"{"} WORKER = "{"{index}"}" {"}"}
            """);
        await using var daemon = await DaemonProcess.StartAsync(_home.Path);
        foreach (var id in new[] { "api.0", "api.1", "api.2" }) await Instances.WaitForStateAsync(daemon, id, "running");

        var list = await Instances.ListAsync(daemon);
        list.Select(s => (s.Id, s.Port, s.Group)).Should().Equal(("api.0", _base, "api"), ("api.1", _base + 1, "api"), ("api.2", _base + 2, "api"));
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) })
        {
            foreach (var port in new[] { Port(0), Port(1), Port(2) })
                await Eventually.GetAsync(() => http.GetStringAsync($"http://127.0.0.1:{port}/"), body => body.Length > 0, $"HTTP on port {port}");
        }

        var env = await Svcmgr.RunAsync(_home.Path, "status", "api.2", "--show-env");
        env.Stdout.Should().Contain("WORKER=2").And.Contain("group:      api");

        await OkAsync("stop", "api");
        (await Instances.ListAsync(daemon)).Should().OnlyContain(s => s.State == "stopped");
        await OkAsync("start", "api");
        (await Instances.ListAsync(daemon)).Should().OnlyContain(s => s.State == "running");

        var status = await Svcmgr.RunAsync(_home.Path, "status", "api");
        status.ExitCode.Should().Be(0, status.ToString());
        status.Stdout.Should().Contain("group:      api (3 members, 3 running)").And.Contain("api.0").And.Contain("api.1").And.Contain("api.2");
        var json = await Svcmgr.RunAsync(_home.Path, "status", "api", "--json");
        using (var document = JsonDocument.Parse(json.Stdout))
            document.RootElement.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetString()).Should().Equal("api.0", "api.1", "api.2");

        var logs = await Svcmgr.RunAsync(_home.Path, "logs", "api", "-n", "1");
        logs.ExitCode.Should().Be(0, logs.ToString());

        // A command on one instance only: the group is ambiguous, and says which members there are.
        var signal = await Svcmgr.RunAsync(_home.Path, "signal", "api", "SIGHUP");
        signal.ExitCode.Should().Be(64, signal.ToString());
        signal.Stderr.Should().Contain("api.0, api.1, api.2").And.Contain("replica group");
    }

    [Fact]
    public async Task Scale_adds_and_removes_members_and_a_new_daemon_after_kill_9_keeps_the_count_until_the_file_changes()
    {
        _home.WriteConfig("""
            [instances.work]
            start_command = "sleep 1000"
            instances = 2
            auto_start = true
            """);
        var first = await DaemonProcess.StartAsync(_home.Path);
        try
        {
            await Instances.WaitForStateAsync(first, "work.1", "running");
            var up = await Svcmgr.RunAsync(_home.Path, "scale", "work", "4");
            up.ExitCode.Should().Be(0, up.ToString());
            up.Stdout.Should().Contain("work: 4 members").And.Contain("added:   work.2, work.3");
            foreach (var id in new[] { "work.2", "work.3" }) await Instances.WaitForStateAsync(first, id, "running");

            var doomed = (await Instances.ListAsync(first)).Where(s => s.Id is "work.2" or "work.3").Select(s => s.Pid!.Value).ToList();
            var down = await Svcmgr.RunAsync(_home.Path, "scale", "work", "3");
            down.ExitCode.Should().Be(0, down.ToString());
            down.Stdout.Should().Contain("removed: work.3");
            await Processes.GoneAsync(doomed[1], "the surplus member's process");
            Processes.IsAlive(doomed[0]).Should().BeTrue("work.2 stays");

            var notGroup = await Svcmgr.RunAsync(_home.Path, "scale", "work.0", "2");
            notGroup.ExitCode.Should().Be(64, notGroup.ToString());
            notGroup.Stderr.Should().Contain("not a replica group");
            (await Svcmgr.RunAsync(_home.Path, "scale", "nope", "2")).ExitCode.Should().Be(4);
            (await Svcmgr.RunAsync(_home.Path, "scale", "work", "0")).ExitCode.Should().Be(64);

            UnixProcess.Signal(first.Process.Id, 9).Should().BeTrue();
            await first.Process.WaitForExitAsync();
        }
        finally
        {
            await first.DisposeAsync();
        }

        await using (var second = await DaemonProcess.StartAsync(_home.Path))
        {
            foreach (var id in new[] { "work.0", "work.1", "work.2" }) await Instances.WaitForStateAsync(second, id, "running");
            (await Instances.ListAsync(second)).Select(s => s.Id).Should().Equal("work.0", "work.1", "work.2");
            foreach (var s in await Instances.ListAsync(second))
                InstanceProcesses.Copies(_home.Path, s.Id).Should().Equal([s.Pid!.Value], $"one copy of {s.Id}");

            // The file's count changes: the edit wins over the scale.
            _home.WriteConfig("""
                [instances.work]
                start_command = "sleep 1000"
                instances = 1
                auto_start = true
                """);
            var reload = await Svcmgr.RunAsync(_home.Path, "reload");
            reload.ExitCode.Should().Be(0, reload.ToString());
            reload.Stdout.Should().Contain("removed:   work.1, work.2");
        }

        File.ReadAllText(Path.Combine(_home.Path, "state.json")).Should().NotContain("\"scales\"", "no scale is in force any more");
    }
}
