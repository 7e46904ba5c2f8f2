using ServiceManager.Supervision.Tests.Support;
using static ServiceManager.Supervision.Tests.Support.FleetHarness;

namespace ServiceManager.Supervision.Tests;

/// <summary><see cref="Fleet.WaitForDependencies"/>: requested starts of instances with dependencies wait in the background.</summary>
public sealed class DependencyGateTests
{
    [Fact]
    public async Task A_start_waits_for_the_gate_in_the_background_and_a_stop_cancels_the_wait()
    {
        await using var h = new FleetHarness();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = 0;
        h.Fleet.WaitForDependencies = async (definition, ct) =>
        {
            try
            {
                await release.Task.WaitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelled);
                throw;
            }
        };
        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("db"), Defs.Sleeper("api") with { DependsOn = ["db"] }));

        var first = await h.Fleet.StartAsync(["api"]);
        first.Done.Should().Equal("api");
        h.Fleet.IsWaiting("api").Should().BeTrue();
        h.Get("api").State.Should().Be(InstanceState.Stopped);
        (await h.Fleet.StartAsync(["api"])).Unchanged.Should().Equal("api");

        (await h.Fleet.StopAsync(["api"])).Done.Should().Equal("api");
        h.Fleet.IsWaiting("api").Should().BeFalse();
        await Eventually.TrueAsync(() => Volatile.Read(ref cancelled) == 1, "the wait to be cancelled");

        await h.Fleet.StartAsync(["api"]);
        (await h.Fleet.StartAsync(["db"])).Done.Should().Equal("db");
        h.Get("db").State.Should().Be(InstanceState.Running);
        release.SetResult();
        await Eventually.TrueAsync(() => h.Get("api").State == InstanceState.Running, "api to start once the gate opens");
        h.Fleet.IsWaiting("api").Should().BeFalse();
    }
}
