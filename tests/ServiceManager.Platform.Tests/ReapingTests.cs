using System.Diagnostics;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Platform.Tests;

public sealed class ReapingTests : IDisposable
{
    private readonly UnixProcessSpawner _spawner = new();

    public void Dispose() => _spawner.Dispose();

    [Fact]
    public async Task A_reaped_child_leaves_no_zombie()
    {
        using var child = _spawner.Spawn(Requests.Sh("exit 0"), new RecordingSink());

        await ChildExits.WaitAsync(child);

        // Reaping happens before Exited completes; a pid reused since then would not be our zombie.
        ProcStat.Read(child.Pid).Should().Match<ProcStat?>(s => s == null || !s.IsZombie || s.ParentPid != Environment.ProcessId);
    }

    [Fact]
    public async Task The_runtimes_own_children_and_ours_each_keep_their_exit_status()
    {
        var rounds = Enumerable.Range(0, 30).Select(_ => Task.WhenAll(
            Task.Run(async () =>
            {
                using var process = Process.Start(new ProcessStartInfo("sh") { ArgumentList = { "-c", "exit 7" } })!;
                await process.WaitForExitAsync().WaitAsync(Eventually.DefaultTimeout);
                return process.ExitCode;
            }),
            Task.Run(async () =>
            {
                using var child = _spawner.Spawn(Requests.Sh("exit 5"), new RecordingSink());
                return (await ChildExits.WaitAsync(child)).Code ?? -1;
            })));

        var results = await Task.WhenAll(rounds);

        results.Select(r => r[0]).Should().AllBeEquivalentTo(7);
        results.Select(r => r[1]).Should().AllBeEquivalentTo(5);
    }

    [Fact]
    public async Task A_throwing_sink_does_not_stop_the_io_thread()
    {
        var errors = new List<Exception>();
        using var spawner = new UnixProcessSpawner(e => { lock (errors) errors.Add(e); });

        using (var bad = spawner.Spawn(Requests.Sh("echo boom"), new ThrowingSink()))
            (await ChildExits.WaitAsync(bad)).Code.Should().Be(0);
        var sink = new RecordingSink();
        using var good = spawner.Spawn(Requests.Sh("echo fine"), sink);

        (await ChildExits.WaitAsync(good)).Code.Should().Be(0);
        await Eventually.TrueAsync(() => sink.AllClosed, "stdout reaches EOF");
        sink.Text(OutputStream.Stdout).Should().Be("fine\n");
        lock (errors) errors.Should().NotBeEmpty().And.AllBeOfType<InvalidOperationException>();
    }

    private sealed class ThrowingSink : IChildOutputSink
    {
        public void OnOutput(OutputStream stream, ReadOnlySpan<byte> data) => throw new InvalidOperationException("sink");

        public void OnClosed(OutputStream stream) => throw new InvalidOperationException("sink");
    }
}
