using System.Globalization;
using System.Net.Http;
using ServiceManager.Platform.Unix;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.EndToEnd.Tests.Fleet;

/// <summary>
/// The daemon goes away — <c>kill -9</c> or a clean SIGTERM — and a new one comes: every instance that should run
/// runs again, once, with its id, numeric id and port; stopped ones stay stopped; the old children are gone.
/// </summary>
public sealed class DaemonRestartTests : IDisposable
{
    private readonly TestHome _home = new();
    private readonly int _base = FreePorts.Block(12);
    private readonly string _project;

    public DaemonRestartTests()
    {
        _project = Directory.CreateDirectory(Path.Combine(_home.Path, "proj")).FullName;
        _home.WriteConfig($"""
            [templates.web]
            start_command = "python3 -m http.server {"{port}"} --bind 127.0.0.1"
            default_port = {_base}
            port_range = [{_base}, {_base + 4}]

            [instances.site]
            template = "web"
            auto_start = true

            [instances.idle]
            start_command = "sleep 1000"

            [instances.parked]
            start_command = "sleep 1000"
            auto_start = true

            # Like pyenv's python3 shim: a wrapper forks a helper that carries the same environment, then execs the
            # program. Two processes, one copy.
            [instances.wrapped]
            start_command = ["sh", "-c", "sleep 1000 & exec sleep 1001"]
            auto_start = true
            """);
    }

    public void Dispose()
    {
        InstanceProcesses.KillAll(_home.Path);
        _home.Dispose();
    }

    private string Port(int offset) => (_base + offset).ToString(CultureInfo.InvariantCulture);

    private static readonly string[] _running = ["site", "idle", "wrapped", "proj-http", "proj-sleep", "web-1"];
    private static readonly string[] _stopped = ["parked", "adhoc-parked"];

    /// <summary>Config and run-time instances, some started and some stopped by the user, all settled.</summary>
    private async Task<IReadOnlyList<InstanceSummary>> PopulateAsync(DaemonProcess daemon)
    {
        async Task Ok(params string[] args)
        {
            var result = await FleetCli.RunInAsync(_home.Path, _project, args);
            result.ExitCode.Should().Be(0, result.ToString());
        }

        await Instances.WaitForStateAsync(daemon, "parked", "running");
        await Ok("stop", "parked");
        await Ok("start", "idle");
        await Ok("start", "--name", "proj-http", "--port", Port(8), "--", "python3", "-m", "http.server", "--bind", "127.0.0.1");
        await Ok("start", "--", "sleep", "1000");
        await Ok("create", "--template", "web", "--start");
        await Ok("start", "--name", "adhoc-parked", "--", "sleep", "1000");
        await Ok("stop", "adhoc-parked");
        var before = await Instances.ListAsync(daemon);
        before.Where(s => _running.Contains(s.Id)).Should().OnlyContain(s => s.State == "running").And.HaveCount(_running.Length);
        return before;
    }

    private async Task AssertRestoredAsync(DaemonProcess daemon, IReadOnlyList<InstanceSummary> before)
    {
        foreach (var id in _running) await Instances.WaitForStateAsync(daemon, id, "running");
        var after = await Instances.ListAsync(daemon);

        after.Select(s => (s.Id, s.NumericId, s.Port)).Should().Equal(before.Select(s => (s.Id, s.NumericId, s.Port)), "ids, numeric ids and ports survive");
        after.Where(s => _stopped.Contains(s.Id)).Should().OnlyContain(s => s.State == "stopped").And.HaveCount(_stopped.Length);
        // The reproduction of the "running twice" reports: counted by process, the wrapper alone looks like two copies.
        await Eventually.TrueAsync(() => InstanceProcesses.Of(_home.Path, "wrapped").Count == 2, "the wrapper's helper to run beside its program");
        foreach (var s in after.Where(s => _running.Contains(s.Id)))
            InstanceProcesses.Copies(_home.Path, s.Id).Should().Equal([s.Pid!.Value], $"exactly one copy of {s.Id} runs, the one the daemon knows");
        foreach (var id in _stopped) InstanceProcesses.Of(_home.Path, id).Should().BeEmpty();
        await Processes.AllGoneAsync(before.Where(s => s.Pid is not null).Select(s => s.Pid!.Value), "the previous children");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var port in new[] { Port(0), Port(1), Port(8) })
            await Eventually.GetAsync(() => http.GetStringAsync($"http://127.0.0.1:{port}/"), body => body.Length > 0, $"HTTP on port {port}");
    }

    [Fact]
    public async Task After_kill_9_a_new_daemon_stops_the_orphans_and_runs_every_service_once_on_its_port()
    {
        var first = await DaemonProcess.StartAsync(_home.Path);
        IReadOnlyList<InstanceSummary> before;
        try
        {
            before = await PopulateAsync(first);
            UnixProcess.Signal(first.Process.Id, 9).Should().BeTrue();
            await first.Process.WaitForExitAsync();
        }
        finally
        {
            await first.DisposeAsync();
        }

        var orphans = before.Where(s => s.Pid is not null).Select(s => s.Pid!.Value).ToList();
        orphans.Should().OnlyContain(pid => Processes.IsAlive(pid), "kill -9 of the daemon leaves its children running");

        await using var second = await DaemonProcess.StartAsync(_home.Path);
        await AssertRestoredAsync(second, before);
        File.ReadAllText(second.LogFile).Should().Contain("of the previous daemon was still running");
    }

    [Fact]
    public async Task After_a_clean_stop_a_new_daemon_brings_back_what_should_run_and_leaves_stopped_ones_stopped()
    {
        var first = await DaemonProcess.StartAsync(_home.Path);
        IReadOnlyList<InstanceSummary> before;
        try
        {
            before = await PopulateAsync(first);
            (await first.TerminateAsync()).Should().Be(0);
        }
        finally
        {
            await first.DisposeAsync();
        }

        InstanceProcesses.All(_home.Path).Should().BeEmpty("a clean stop stops every child");
        await using var second = await DaemonProcess.StartAsync(_home.Path);
        await AssertRestoredAsync(second, before);
        File.ReadAllText(second.LogFile).Should().NotContain("previous daemon was still running");
    }

    [Fact]
    public async Task A_child_missing_from_the_state_file_is_found_by_its_marker_and_stopped_too()
    {
        var first = await DaemonProcess.StartAsync(_home.Path);
        int orphan;
        try
        {
            var started = await FleetCli.RunInAsync(_home.Path, _project, "start", "--name", "young", "--", "sleep", "1000");
            started.ExitCode.Should().Be(0, started.ToString());
            orphan = (await Instances.GetAsync(first, "young")).Pid!.Value;
            UnixProcess.Signal(first.Process.Id, 9).Should().BeTrue();
            await first.Process.WaitForExitAsync();
        }
        finally
        {
            await first.DisposeAsync();
        }

        // As if the daemon died between spawning the child and writing its pid down.
        var statePath = Path.Combine(_home.Path, "state.json");
        var state = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(statePath))!;
        foreach (var instance in state["instances"]!.AsArray()) instance!.AsObject().Remove("child");
        await File.WriteAllTextAsync(statePath, state.ToJsonString());
        Processes.IsAlive(orphan).Should().BeTrue();

        await using var second = await DaemonProcess.StartAsync(_home.Path);

        var young = await Instances.WaitForStateAsync(second, "young", "running");
        Processes.IsAlive(orphan).Should().BeFalse("the previous child carried this daemon's marker");
        InstanceProcesses.Copies(_home.Path, "young").Should().Equal([young.Pid!.Value]);
        File.ReadAllText(second.LogFile).Should().Contain("not recorded; pids " + orphan.ToString(CultureInfo.InvariantCulture));
    }
}
