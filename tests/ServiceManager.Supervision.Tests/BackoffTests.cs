using Microsoft.Extensions.Time.Testing;
using ServiceManager.Config.Model;
using ServiceManager.Supervision.Tests.Support;

namespace ServiceManager.Supervision.Tests;

/// <summary>Backoff proven on a fake clock: children are real, time between restarts is advanced by hand.</summary>
public sealed class BackoffTests
{
    [Fact]
    public async Task Backoff_doubles_per_consecutive_crash_up_to_the_maximum()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var definition = Defs.Shell(
            "crashy", "exit 1", Defs.Restart(RestartPolicy.Always, backoffInitialSeconds: 1, backoffMaxSeconds: 5, maxPerMinute: 0));
        await using var h = new Harness(definition, clock);

        await h.Supervisor.StartAsync();

        string[] expected = ["1s", "2s", "4s", "5s", "5s"];
        for (var i = 0; i < expected.Length; i++)
        {
            var snapshot = await WaitForRestartingAsync(h, i + 1);
            snapshot.Transitions[^1].Reason.Should().Be($"exited with code 1; restarting in {expected[i]}");
            var delay = TimeSpan.FromSeconds(double.Parse(expected[i].TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture));

            clock.Advance(delay - TimeSpan.FromMilliseconds(1));
            h.Snapshot.State.Should().Be(InstanceState.Restarting);
            clock.Advance(TimeSpan.FromMilliseconds(1));
            await h.WaitForAsync(s => s.Restarts == i + 1, $"restart {i + 1}");
        }

        var restarting = h.Snapshot.Transitions.Where(t => t.To == InstanceState.Restarting).ToList();
        var starting = h.Snapshot.Transitions.Where(t => t.From == InstanceState.Restarting && t.To == InstanceState.Starting).ToList();
        var waited = restarting.Zip(starting, (r, s) => s.At - r.At).Select(d => d.TotalSeconds).ToList();
        waited.Should().Equal(1, 2, 4, 5, 5);
    }

    [Fact]
    public async Task A_run_longer_than_min_uptime_resets_the_backoff()
    {
        using var dir = new TempDir();
        var release = dir.File("release");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        // Crashes at once until the release file exists; after that each run waits for the file to reappear.
        var definition = Defs.Shell(
            "flappy",
            $"while [ ! -f {release} ]; do sleep 0.02; done; rm -f {release}; exit 1",
            Defs.Restart(RestartPolicy.Always, backoffInitialSeconds: 1, backoffMaxSeconds: 60, maxPerMinute: 0, minUptimeSeconds: 10));
        await using var h = new Harness(definition, clock);
        await h.Supervisor.StartAsync();

        // Two short runs: 1s, then 2s.
        File.WriteAllText(release, "");
        (await WaitForRestartingAsync(h, 1)).Transitions[^1].Reason.Should().EndWith("restarting in 1s");
        clock.Advance(TimeSpan.FromSeconds(1));
        await h.WaitForStateAsync(InstanceState.Running);
        File.WriteAllText(release, "");
        (await WaitForRestartingAsync(h, 2)).Transitions[^1].Reason.Should().EndWith("restarting in 2s");
        clock.Advance(TimeSpan.FromSeconds(2));
        await h.WaitForStateAsync(InstanceState.Running);

        // A long run (by the supervisor's clock) resets the backoff to its initial value.
        clock.Advance(TimeSpan.FromSeconds(30));
        File.WriteAllText(release, "");
        (await WaitForRestartingAsync(h, 3)).Transitions[^1].Reason.Should().EndWith("restarting in 1s");
    }

    [Fact]
    public async Task The_crash_loop_window_slides_with_the_clock()
    {
        using var dir = new TempDir();
        var release = dir.File("release");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var definition = Defs.Shell(
            "flappy",
            $"while [ ! -f {release} ]; do sleep 0.02; done; rm -f {release}; exit 1",
            Defs.Restart(RestartPolicy.Always, backoffInitialSeconds: 0, maxPerMinute: 2));
        await using var h = new Harness(definition, clock);
        await h.Supervisor.StartAsync();

        // Two crashes 40 s apart fill the window of 2; the third, 30 s later, is 70 s after the first: allowed.
        await CrashAsync(h, release, restartsAfter: 1);
        clock.Advance(TimeSpan.FromSeconds(40));
        await CrashAsync(h, release, restartsAfter: 2);
        clock.Advance(TimeSpan.FromSeconds(30));
        await CrashAsync(h, release, restartsAfter: 3);

        // The fourth at once: two restarts in the last 60 s already.
        File.WriteAllText(release, "");
        var failed = await h.WaitForStateAsync(InstanceState.Failed);
        failed.LastError.Should().Be("crash loop: 2 restarts in 1m00s");
    }

    private static async Task CrashAsync(Harness h, string release, int restartsAfter)
    {
        File.WriteAllText(release, "");
        await h.WaitForAsync(s => s.Restarts == restartsAfter && s.State == InstanceState.Running, $"restart {restartsAfter}");
    }

    private static Task<InstanceSnapshot> WaitForRestartingAsync(Harness h, int occurrence) =>
        h.WaitForAsync(
            s => s.State == InstanceState.Restarting && s.Transitions.Count(t => t.To == InstanceState.Restarting) == occurrence,
            $"restarting #{occurrence}");
}
