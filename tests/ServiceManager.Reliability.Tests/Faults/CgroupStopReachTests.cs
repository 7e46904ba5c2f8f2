using System.Text.Json;
using ServiceManager.Platform.Unix.Cgroups;
using ServiceManager.Reliability.Tests.Support;

namespace ServiceManager.Reliability.Tests.Faults;

/// <summary>
/// What a stop reaches in a cgroup (the default where cgroup v2 is writable): everything the child started, a
/// setsid() escapee and a double-forked daemon included — gone after <c>stop</c>, which then succeeds. A crash's
/// leftovers die before the restart, metrics count an escapee, and after a <c>kill -9</c> of the daemon the next one
/// finds an escapee through the cgroup even when it carries no svcmgr variable at all.
/// </summary>
public sealed class CgroupStopReachTests : DaemonFixture
{
    public override Task InitializeAsync()
    {
        Home.WriteConfig("""
            [instances.escaper]
            # A non-interactive shell puts a background job in its own group, so setsid(1) calls setsid() without forking.
            start_command = ["sh", "-c", "setsid sleep 1000 & echo $! > escaped.pid; echo ready; exec sleep 1000"]
            auto_start = true

            [instances.daemonizer]
            # The classic double fork: a child in a new session forks the daemon and exits; the daemon's parent is pid 1.
            start_command = ["sh", "-c", "setsid sh -c 'sleep 1000 & echo $! > daemonized.pid' & wait; echo ready; exec sleep 1000"]
            auto_start = true

            [instances.crasher]
            # Each run leaves an escapee behind and crashes; a restart must never find the previous run's.
            start_command = ["sh", "-c", "setsid sleep 1000 & echo $! >> crash-leftovers; sleep 0.3; exit 1"]
            restart = "on-failure"
            backoff_initial = "100ms"
            backoff_max = "100ms"
            max_restarts_per_minute = 100
            auto_start = false

            [instances.hoarder]
            # An escapee holding 64 MiB; the child itself holds almost nothing.
            start_command = ["sh", "-c", "setsid python3 -c 'import time; b = bytearray(64 << 20); open(\"hoard.pid\", \"w\").write(\"ok\\n\"); time.sleep(1000)' & exec sleep 1000"]
            auto_start = false

            [instances.stranger]
            # An escapee with an empty environment: no SVCMGR_ variable marks it as svcmgr's.
            start_command = ["sh", "-c", "env -i setsid sleep 1000 & echo $! > stranger.pid; echo ready; exec sleep 1000"]
            auto_start = false
            """);
        return StartDaemonAsync();
    }

    private string File(string name) => Path.Combine(Home.Path, name);

    [CgroupFact]
    public async Task A_setsid_escapee_is_gone_after_stop_and_the_stop_succeeds()
    {
        await LogFiles.WaitForAsync(Home, "escaper", "ready");
        var escaped = await Processes.ReadPidFileAsync(File("escaped.pid"));
        var child = await Instances.RunningPidAsync(Daemon, "escaper");

        var stop = await CliAsync("stop", "escaper", "--json");

        stop.ExitCode.Should().Be(0, stop.ToString());
        using var json = JsonDocument.Parse(stop.Stdout);
        json.RootElement.GetProperty("done").EnumerateArray().Select(e => e.GetString()).Should().Equal("escaper");
        if (json.RootElement.TryGetProperty("warnings", out var warnings))
            warnings.EnumerateArray().Should().BeEmpty("nothing was left running");
        Processes.IsAlive(escaped).Should().BeFalse("the escapee was in the instance's cgroup");
        Processes.IsAlive(child).Should().BeFalse();
        (await Instances.StatusAsync(Daemon, "escaper")).Transitions.Should().Contain(t => t.Reason.Contains("and cgroup escaper@", StringComparison.Ordinal));
    }

    [CgroupFact]
    public async Task A_double_forked_daemon_is_gone_after_stop()
    {
        await LogFiles.WaitForAsync(Home, "daemonizer", "ready");
        var daemonized = await Processes.ReadPidFileAsync(File("daemonized.pid"));
        Processes.IsAlive(daemonized).Should().BeTrue();

        var stop = await CliAsync("stop", "daemonizer");

        stop.ExitCode.Should().Be(0, stop.ToString());
        stop.Stderr.Should().BeEmpty();
        Processes.IsAlive(daemonized).Should().BeFalse();
    }

    [CgroupFact]
    public async Task A_crashed_runs_escapee_is_killed_before_the_restart()
    {
        (await CliAsync("start", "crasher")).ExitCode.Should().Be(0);
        await Instances.WaitForAsync(Daemon, "crasher", s => s.Restarts >= 2, "two restarts");

        var leftovers = await Eventually.GetAsync(
            () => Task.FromResult(System.IO.File.Exists(File("crash-leftovers")) ? System.IO.File.ReadAllLines(File("crash-leftovers")) : []),
            lines => lines.Length >= 2, "two runs' escapees recorded");
        // Every run but the current one has crashed, and its escapee with it.
        foreach (var pid in leftovers[..^1].Select(int.Parse)) Processes.IsAlive(pid).Should().BeFalse($"pid {pid} was left by a crashed run");
        (await CliAsync("stop", "crasher")).ExitCode.Should().Be(0);
        await Processes.AllGoneAsync(System.IO.File.ReadAllLines(File("crash-leftovers")).Select(int.Parse), "every run's escapee");
    }

    [CgroupFact]
    public async Task Metrics_count_an_escapees_memory()
    {
        (await CliAsync("start", "hoarder")).ExitCode.Should().Be(0);
        await Eventually.TrueAsync(() => System.IO.File.Exists(File("hoard.pid")), "the escapee to hold its memory");

        var hoarder = await Instances.WaitForAsync(Daemon, "hoarder", s => s.MemoryBytes > 64L << 20, "memory above 64 MiB");

        hoarder.MemoryBytes.Should().BeGreaterThan(64L << 20, "the escapee is in the instance's cgroup");
    }

    [CgroupFact]
    public async Task After_kill_9_the_next_daemon_stops_an_escapee_found_only_through_the_cgroup()
    {
        (await CliAsync("start", "stranger")).ExitCode.Should().Be(0);
        await LogFiles.WaitForAsync(Home, "stranger", "ready");
        var stranger = await Processes.ReadPidFileAsync(File("stranger.pid"));
        ServiceManager.Platform.Unix.ProcScan.EnvironmentValue(stranger, "SVCMGR_STATE_DIR").Should().BeNull("nothing marks it but its cgroup");
        var before = (await Instances.StatusAsync(Daemon, "stranger")).Pid;

        ServiceManager.Platform.Unix.UnixProcess.Signal(Daemon.Process.Id, 9).Should().BeTrue();
        await Daemon.Process.WaitForExitAsync();
        Processes.IsAlive(stranger).Should().BeTrue("a daemon's death kills none of its children");

        await StartDaemonAsync();

        await Processes.GoneAsync(stranger, "the escapee, stopped by the next daemon's orphan recovery");
        (await Instances.WaitForStateAsync(Daemon, "stranger", "running")).Pid.Should().NotBe(before, "it runs again, once");
        System.IO.File.ReadAllText(Daemon.LogFile).Should().Contain("cgroup").And.Contain("of the previous daemon was still running");
        CgroupContainment.LeavesOf(new Cgroup(Home.CgroupSubtree!)).Select(l => l.Name).Where(n => n.StartsWith("stranger@", StringComparison.Ordinal))
            .Should().Equal(["stranger@1"], "the old run's leaf was emptied and removed, and the new run got a fresh one");
    }

    [CgroupFact]
    public async Task Doctor_names_the_cgroup_mode()
    {
        var doctor = await CliAsync("doctor", "--json");

        using var json = JsonDocument.Parse(doctor.Stdout);
        var check = json.RootElement.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "containment");
        check.GetProperty("status").GetString().Should().Be("ok");
        check.GetProperty("message").GetString().Should().Be($"cgroup v2 at {Home.CgroupSubtree}");
        (await CliAsync("doctor")).Stdout.Should().Contain($"[OK]   containment: cgroup v2 at {Home.CgroupSubtree}");

        await Daemon.TerminateAsync();
        var local = await CliAsync("doctor", "--json");
        using var without = JsonDocument.Parse(local.Stdout);
        without.RootElement.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "containment").GetProperty("message").GetString()
            .Should().Be($"a daemon started from here would use cgroup v2 at {Home.CgroupSubtree}");
        Directory.Exists(Home.CgroupSubtree).Should().BeFalse("a clean shutdown removes the daemon's cgroups, and doctor's trial leaves none");
    }
}
