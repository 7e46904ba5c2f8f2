namespace ServiceManager.EndToEnd.Tests.Fleet;

/// <summary>Jobs through a real daemon and CLI: shown between runs with their next tick, run at once by <c>start</c>.
/// The ticks themselves run on a fake clock in CronTriggersTests; nothing here waits for one.</summary>
public sealed class JobTests
{
    [Fact]
    public async Task A_job_waits_for_its_tick_shows_its_next_run_and_start_runs_it_now()
    {
        using var home = new TestHome();
        // New Year's midnight: never reached while the test runs.
        home.WriteConfig("""
            [instances.backup]
            start_command = "sh -c 'echo backed up; exit 3'"
            schedule = "0 0 1 1 *"
            """);
        await using var daemon = await DaemonProcess.StartAsync(home.Path);

        var idle = await Instances.StatusAsync(daemon, "backup");
        idle.State.Should().Be("stopped");
        idle.Schedule.Should().Be("0 0 1 1 *");
        var local = idle.NextRun!.Value.ToLocalTime();
        (local.Month, local.Day, local.Hour, local.Minute).Should().Be((1, 1, 0, 0), "the tick is in the daemon's local time");
        idle.NextRun.Value.Should().BeAfter(DateTimeOffset.UtcNow);
        idle.RestartPolicy.Should().Be("never", "a job is left to exit");
        (await Svcmgr.RunAsync(home.Path, "status", "backup")).Stdout.Should().MatchRegex(@"schedule:\s+0 0 1 1 \*, next run \d{4}-");

        (await Svcmgr.RunAsync(home.Path, "start", "backup")).ExitCode.Should().Be(0);
        var ran = await Instances.WaitForAsync(daemon, "backup", s => s.LastExit is not null && s.State == "stopped", "the run to end");
        ran.LastExit!.Code.Should().Be(3, "status shows the last run's exit");
        ran.NextRun.Should().Be(idle.NextRun, "a run by hand leaves the schedule alone");
        LogFiles.Read(home, "backup").Should().Contain("backed up");
    }
}
