using System.Diagnostics;
using System.Text.Json;
using ServiceManager.Platform.Unix;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.EndToEnd.Tests.Diagnostics;

/// <summary><c>svcmgr doctor orphans</c>: a tagged process in a session no daemon supervises is listed; the daemon's own children are not.</summary>
public sealed class OrphansCommandTests
{
    [Fact]
    public async Task A_tagged_process_in_its_own_session_is_an_orphan_and_the_daemons_children_are_not()
    {
        using var home = new TestHome();
        home.WriteConfig("""
            [instances.worker]
            start_command = "sleep 1000"
            auto_start = true
            """);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        var workerPid = await Instances.RunningPidAsync(daemon, "worker");

        using var ghost = StartGhost(home);
        var ghostPid = await Processes.ReadPidFileAsync(Path.Combine(home.Path, "ghost.pid"));
        try
        {
            var orphans = await Eventually.GetAsync(() => OrphansAsync(home.Path), list => list.Any(o => o.Pid == ghostPid), "the ghost to be listed");

            var entry = orphans.Single(o => o.Pid == ghostPid);
            entry.Instance.Should().Be("ghost");
            entry.ProcessGroup.Should().Be(ghostPid, "setsid made it a group and session leader");
            entry.Command.Should().Be("sleep 1000");
            entry.Reason.Should().Contain("not of a svcmgr daemon");
            orphans.Should().NotContain(o => o.Pid == workerPid, "the daemon supervises its own child");

            var text = await Svcmgr.RunAsync(home.Path, "doctor", "orphans");
            text.ExitCode.Should().Be(0, text.ToString());
            text.Stdout.Should().MatchRegex($@"(?m)^{ghostPid} +{ghostPid} +ghost +sleep 1000$");

            // Without a daemon the CLI scans by itself; other daemons' children (this test's worker) are still spared.
            using var empty = new TestHome();
            var local = await Svcmgr.RunAsync(empty.Path, "doctor", "orphans", "--json");
            local.ExitCode.Should().Be(0, local.ToString());
            local.Stderr.Should().Contain("no daemon answers");
            var scanned = JsonSerializer.Deserialize(local.Stdout, ProtocolJsonContext.Default.IReadOnlyListOrphanInfo)!;
            scanned.Should().Contain(o => o.Pid == ghostPid);
            scanned.Should().NotContain(o => o.Pid == workerPid);
        }
        finally
        {
            UnixProcess.Signal(ghostPid, 9);
            ghost.Kill(entireProcessTree: true);
            await ghost.WaitForExitAsync();
        }
    }

    /// <summary><c>setsid sleep 1000</c> with SVCMGR_INSTANCE=ghost, as a lost child would look; its pid lands in ghost.pid.</summary>
    private static Process StartGhost(TestHome home)
    {
        // -w: should setsid have to fork, it stays and reaps the sleep, so nothing is left to pid 1.
        var info = new ProcessStartInfo("setsid") { WorkingDirectory = home.Path, UseShellExecute = false };
        foreach (var arg in new[] { "-w", "sh", "-c", "echo $$ > ghost.pid; exec sleep 1000" }) info.ArgumentList.Add(arg);
        info.Environment["SVCMGR_INSTANCE"] = "ghost";
        return Process.Start(info)!;
    }

    private static async Task<IReadOnlyList<OrphanInfo>> OrphansAsync(string home)
    {
        var result = await Svcmgr.RunAsync(home, "doctor", "orphans", "--json");
        result.ExitCode.Should().Be(0, result.ToString());
        return JsonSerializer.Deserialize(result.Stdout, ProtocolJsonContext.Default.IReadOnlyListOrphanInfo)!;
    }
}
