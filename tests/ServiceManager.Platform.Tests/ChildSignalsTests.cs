using ServiceManager.Platform.Unix;

namespace ServiceManager.Platform.Tests;

/// <summary>Changes the process-wide SIGCHLD disposition, so it must not overlap with anything spawning.</summary>
[Collection(SerialCollection.Name)]
public sealed class ChildSignalsTests
{
    [Fact]
    public void An_installed_handler_is_left_alone()
    {
        var before = CurrentHandler();

        ChildSignals.EnsureDefaultDisposition().Should().BeFalse();

        CurrentHandler().Should().Be(before);
    }

    [Fact]
    public async Task An_ignored_SIGCHLD_is_reset_so_exit_statuses_are_not_lost()
    {
        using var spawner = new UnixProcessSpawner();
        var saved = Current();
        try
        {
            SetHandler(LibC.SIG_IGN);
            // While SIGCHLD is ignored the kernel reaps by itself: the exit is still reported, without a status.
            using (var lost = spawner.Spawn(Requests.Sh("exit 5"), new RecordingSink()))
                (await ChildExits.WaitAsync(lost)).Should().Match<ChildExit>(e => e.Code == null && e.Signal == null);

            ChildSignals.EnsureDefaultDisposition().Should().BeTrue();

            CurrentHandler().Should().Be(LibC.SIG_DFL);
            using var kept = spawner.Spawn(Requests.Sh("exit 5"), new RecordingSink());
            (await ChildExits.WaitAsync(kept)).Code.Should().Be(5);
        }
        finally
        {
            Set(saved);
        }
    }

    private static nint CurrentHandler() => Current().Handler;

    private static void SetHandler(nint handler) => Set(new LibC.SigAction { Handler = handler });

    private static unsafe LibC.SigAction Current()
    {
        LibC.SigAction current = default;
        LibC.sigaction(LibC.SIGCHLD, null, &current).Should().Be(0);
        return current;
    }

    private static unsafe void Set(LibC.SigAction action) =>
        LibC.sigaction(LibC.SIGCHLD, &action, null).Should().Be(0);
}
