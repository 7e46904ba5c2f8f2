using System.Globalization;
using ServiceManager.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace ServiceManager.Reliability.Tests.Faults;

/// <summary>
/// A service that exits at once, restarted with no backoff 1,000 times: the daemon reaps every child (no zombie),
/// closes every pipe and pidfd (fd count back where it was) and its memory comes back near where it began.
/// </summary>
public sealed class CrashLoopTests(ITestOutputHelper output) : DaemonFixture
{
    /// <summary>RELIABILITY_CRASH_CYCLES overrides the count (tests/soak/run uses it for longer runs).</summary>
    private static int Cycles =>
        int.TryParse(Environment.GetEnvironmentVariable("RELIABILITY_CRASH_CYCLES"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1000;

    private const int WarmUp = 100;

    public override Task InitializeAsync()
    {
        Home.WriteConfig("""
            [instances.crasher]
            start_command = ["sh", "-c", "echo crashing; exit 3"]
            restart = "always"
            backoff_initial = "0s"
            backoff_max = "0s"
            max_restarts_per_minute = 1000000
            auto_start = true
            """);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_thousand_crash_restart_cycles_leave_no_zombie_no_extra_fd_and_memory_near_the_start()
    {
        var daemon = await StartDaemonAsync();
        var pid = daemon.Process.Id;
        var timeout = TimeSpan.FromSeconds(Math.Max(60, Cycles / 5));

        await Instances.WaitForAsync(daemon, "crasher", s => s.Restarts >= WarmUp, $"{WarmUp} restarts to warm up");
        // Both measurements are taken with the instance stopped, so no child's pipes or pidfd are open in either.
        var start = await StoppedVitalsAsync(daemon);
        var began = DateTime.UtcNow;
        (await CliAsync("start", "crasher")).ExitCode.Should().Be(0);

        var from = (await Instances.GetAsync(daemon, "crasher")).Restarts;
        await Eventually.GetAsync(() => Instances.GetAsync(daemon, "crasher"), s => s.Restarts >= from + Cycles, $"{Cycles} more restarts", timeout);
        var elapsed = DateTime.UtcNow - began;
        var end = await StoppedVitalsAsync(daemon);
        var cycles = (await Instances.GetAsync(daemon, "crasher")).Restarts - from;
        output.WriteLine($"{cycles} crash/restart cycles in {elapsed.TotalSeconds:F1} s; after {WarmUp} warm-up cycles: {start}; after: {end}");

        end.ZombieChildren.Should().Be(0);
        end.Fds.Should().Be(start.Fds, "every pipe and pidfd of every child is closed");
        end.Threads.Should().BeLessThanOrEqualTo(start.Threads + 4, "no thread per child");
        end.RssKb.Should().BeLessThan(start.RssKb + 48 * 1024, "memory does not grow with the number of children that came and went");
    }

    /// <summary>Stops the instance and reads the daemon once its last child is reaped and its fds closed.</summary>
    private async Task<ProcessVitals> StoppedVitalsAsync(DaemonProcess daemon)
    {
        var stop = await CliAsync("stop", "crasher");
        stop.ExitCode.Should().Be(0, stop.ToString());
        await Instances.WaitForStateAsync(daemon, "crasher", "stopped");
        // Two equal readings in a row: nothing is still being closed or reaped.
        ProcessVitals? previous = null;
        return await Eventually.GetAsync(
            () => Task.FromResult(ProcessVitals.Read(daemon.Process.Id)),
            v =>
            {
                var settled = previous is { } p && p.Fds == v.Fds && v.ZombieChildren == 0;
                previous = v;
                return settled;
            },
            "the daemon to settle");
    }
}
