using System.Globalization;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Platform.Tests;

/// <summary>Finding and stopping a child's process group from its pid and recorded start time, as after a daemon crash.</summary>
public sealed class LeftoverGroupTests : IDisposable
{
    private readonly UnixProcessSpawner _spawner = new();

    public void Dispose() => _spawner.Dispose();

    [Fact]
    public async Task A_group_with_the_recorded_start_time_is_found_and_stopped_grandchildren_included()
    {
        var sink = new RecordingSink();
        using var child = _spawner.Spawn(Requests.Sh("sleep 1000 & echo $!; wait"), sink);
        await Eventually.TrueAsync(() => sink.Text(OutputStream.Stdout).EndsWith('\n'), "the grandchild pid is printed");
        var grandchild = int.Parse(sink.Text(OutputStream.Stdout).Trim(), CultureInfo.InvariantCulture);
        child.StartTime.Should().Be(ProcStat.Read(child.Pid)!.StartTime).And.BeGreaterThan(0);

        var group = new LeftoverGroup(child.Pid, child.StartTime!.Value);
        group.LiveMembers().Select(m => m.Pid).Should().BeEquivalentTo([child.Pid, grandchild]);

        var result = await group.StopAsync(SignalNames.SIGTERM, TimeSpan.FromSeconds(10), TimeProvider.System);

        result.Members.Should().HaveCount(2);
        result.Killed.Should().BeFalse();
        result.Survivors.Should().BeFalse();
        group.LiveMembers().Should().BeEmpty();
        (await ChildExits.WaitAsync(child)).Signal.Should().Be(SignalNames.SIGTERM);
    }

    [Fact]
    public async Task A_group_that_ignores_the_stop_signal_gets_SIGKILL_after_the_grace()
    {
        var sink = new RecordingSink();
        using var child = _spawner.Spawn(Requests.Sh("trap '' TERM; echo ready; while :; do sleep 1; done"), sink);
        await Eventually.TrueAsync(() => sink.Text(OutputStream.Stdout).Contains("ready", StringComparison.Ordinal), "the trap is set");

        var result = await new LeftoverGroup(child.Pid, child.StartTime!.Value).StopAsync(SignalNames.SIGTERM, TimeSpan.FromMilliseconds(200), TimeProvider.System);

        result.Killed.Should().BeTrue();
        result.Survivors.Should().BeFalse();
        (await ChildExits.WaitAsync(child)).Signal.Should().Be(SignalNames.SIGKILL);
    }

    [Fact]
    public async Task A_pid_with_another_start_time_is_someone_else_and_left_alone()
    {
        using var child = _spawner.Spawn(Requests.Run("sleep", "1000"), new RecordingSink());
        var group = new LeftoverGroup(child.Pid, child.StartTime!.Value - 1);

        group.LiveMembers().Should().BeEmpty();
        var result = await group.StopAsync(SignalNames.SIGKILL, TimeSpan.Zero, TimeProvider.System);

        result.Members.Should().BeEmpty();
        child.Exited.IsCompleted.Should().BeFalse("nothing was sent to a process that only shares the pid");
        new LeftoverGroup(child.Pid, 0).LiveMembers().Should().BeEmpty("an unknown start time proves nothing");
        child.SignalGroup(SignalNames.SIGKILL);
        await ChildExits.WaitAsync(child);
    }
}
