using ServiceManager.Supervision.Tests.Support;
using static ServiceManager.Supervision.Tests.Support.FleetHarness;

namespace ServiceManager.Supervision.Tests;

/// <summary><see cref="IDependencyGate"/>: requested starts of instances with dependencies wait in the background.</summary>
public sealed class DependencyGateTests
{
    [Fact]
    public async Task A_start_waits_for_the_gate_in_the_background_and_a_stop_cancels_the_wait()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = 0;
        await using var h = new FleetHarness(dependencies: new DelegateGate(async (definition, ct) =>
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
        }));
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

    [Fact]
    public async Task A_reload_that_changes_a_stopped_auto_start_instance_waits_for_its_dependencies()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var h = new FleetHarness(dependencies: new DelegateGate((definition, ct) => release.Task.WaitAsync(ct)));
        var waitsChanged = 0;
        h.Fleet.WaitsChanged += () => Interlocked.Increment(ref waitsChanged);
        var api = Defs.Sleeper("api") with { DependsOn = ["db"] };
        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("db"), api));

        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("db"), api with { AutoStart = true, Tags = ["changed"] }));

        h.Fleet.IsWaiting("api").Should().BeTrue("the change starts it (auto_start), but only once db is ready");
        h.Get("api").State.Should().Be(InstanceState.Stopped);
        Volatile.Read(ref waitsChanged).Should().Be(1);
        release.SetResult();
        await Eventually.TrueAsync(() => h.Get("api").State == InstanceState.Running, "api to start once the gate opens");
        await Eventually.TrueAsync(() => Volatile.Read(ref waitsChanged) == 2, "the end of the wait to be announced");
    }

    [Fact]
    public async Task A_reload_that_changes_a_waiting_instance_waits_again_with_the_new_definition()
    {
        var gated = new List<IReadOnlyList<string>>();
        await using var h = new FleetHarness(dependencies: new DelegateGate((definition, ct) =>
        {
            lock (gated) gated.Add([.. definition.DependsOn.Select(d => d.Name)]);
            return Task.Delay(Timeout.Infinite, ct);
        }));
        var api = Defs.Sleeper("api") with { DependsOn = ["db"] };
        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("db"), Defs.Sleeper("cache"), api));
        await h.Fleet.StartAsync(["api"]);

        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("db"), Defs.Sleeper("cache"), api with { DependsOn = ["cache"] }));

        h.Fleet.IsWaiting("api").Should().BeTrue();
        lock (gated) gated.Should().HaveCount(2).And.Subject.Last().Should().Equal("cache");
    }

    [Fact]
    public async Task Without_a_gate_an_instance_with_dependencies_starts_as_soon_as_asked()
    {
        await using var h = new FleetHarness();
        await h.Fleet.ApplyAsync(ConfigOf(Defs.Sleeper("db"), Defs.Sleeper("api") with { DependsOn = ["db"] }));

        (await h.Fleet.StartAsync(["api"])).Done.Should().Equal("api");

        await Eventually.TrueAsync(() => h.Get("api").State == InstanceState.Running, "api to start: the open gate waits for nothing");
        h.Get("db").State.Should().Be(InstanceState.Stopped, "a start does not start the dependencies");
    }
}
