using ServiceManager.Platform.Unix;

namespace ServiceManager.Platform.Tests;

public sealed class SignalTests : IDisposable
{
    private readonly UnixProcessSpawner _spawner = new();

    public void Dispose() => _spawner.Dispose();

    [Theory]
    [InlineData(SignalNames.SIGKILL)]
    [InlineData(SignalNames.SIGTERM)]
    public async Task A_child_killed_by_a_signal_reports_the_signal(int signal)
    {
        using var child = _spawner.Spawn(Requests.Run("sleep", "1000"), new RecordingSink());

        child.SignalGroup(signal).Should().BeTrue();
        var exit = await ChildExits.WaitAsync(child);

        exit.Signal.Should().Be(signal);
        exit.Code.Should().BeNull();
    }

    [Fact]
    public async Task Signalling_the_group_reaches_grandchildren()
    {
        var sink = new RecordingSink();
        using var child = _spawner.Spawn(Requests.Sh("sleep 1000 & echo $!; wait"), sink);
        await Eventually.TrueAsync(() => sink.Text(OutputStream.Stdout).EndsWith('\n'), "the grandchild pid is printed");
        var grandchild = int.Parse(sink.Text(OutputStream.Stdout).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        ProcStat.Read(grandchild)!.IsZombie.Should().BeFalse();
        child.IsGroupAlive().Should().BeTrue();

        child.SignalGroup(SignalNames.SIGTERM).Should().BeTrue();

        (await ChildExits.WaitAsync(child)).Signal.Should().Be(SignalNames.SIGTERM);
        // The orphaned grandchild is reparented to pid 1, which on some machines never reaps it: dead means gone or
        // a zombie.
        await Eventually.TrueAsync(() => ProcStat.Read(grandchild) is null or { IsZombie: true }, "the grandchild is dead");
        await Eventually.TrueAsync(() => !child.IsGroupAlive(), "the group counts as gone");
    }

    [Fact]
    public async Task Signalling_a_finished_group_returns_false()
    {
        using var child = _spawner.Spawn(Requests.Sh("exit 0"), new RecordingSink());
        await ChildExits.WaitAsync(child);

        child.IsGroupAlive().Should().BeFalse();
        child.SignalGroup(SignalNames.SIGTERM).Should().BeFalse();
    }

    [Fact]
    public async Task A_grandchild_holding_the_pipes_does_not_delay_the_exit()
    {
        var sink = new RecordingSink();
        using var child = _spawner.Spawn(Requests.Sh("sleep 1000 & exit 4"), sink);

        (await ChildExits.WaitAsync(child)).Code.Should().Be(4);

        sink.IsClosed(OutputStream.Stdout).Should().BeFalse("the grandchild still holds the write end");
        child.IsGroupAlive().Should().BeTrue();
        child.SignalGroup(SignalNames.SIGKILL).Should().BeTrue();
        await Eventually.TrueAsync(() => sink.AllClosed, "EOF once the grandchild is gone");
        await Eventually.TrueAsync(() => !child.IsGroupAlive(), "the group counts as gone");
    }

    [Fact]
    public async Task Disposing_a_running_child_closes_its_pipes_but_still_reaps_it()
    {
        var sink = new RecordingSink();
        var child = _spawner.Spawn(Requests.Run("sleep", "1000"), sink);

        child.Dispose();

        await Eventually.TrueAsync(() => sink.AllClosed, "the pipes are closed");
        child.SignalGroup(SignalNames.SIGKILL).Should().BeTrue();
        (await ChildExits.WaitAsync(child)).Signal.Should().Be(SignalNames.SIGKILL);
        ProcStat.Read(child.Pid).Should().BeNull("the child was reaped");
    }

    [Fact]
    public void Disposing_the_spawner_closes_every_pipe()
    {
        var sink = new RecordingSink();
        var child = _spawner.Spawn(Requests.Run("sleep", "1000"), sink);

        _spawner.Dispose();

        sink.AllClosed.Should().BeTrue("Dispose waits for the I/O thread to close everything");
        child.SignalGroup(SignalNames.SIGKILL).Should().BeTrue();
        // Nothing watches the child any more: reap it here so the test leaves no zombie.
        unsafe
        {
            LibC.waitpid(child.Pid, null, 0).Should().Be(child.Pid);
        }
        child.Exited.IsCompleted.Should().BeFalse();
    }
}
