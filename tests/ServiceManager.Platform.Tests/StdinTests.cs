using ServiceManager.Platform.Unix;

namespace ServiceManager.Platform.Tests;

/// <summary>Swaps this process's own stdin, so it must not overlap with anything else spawning.</summary>
[Collection(SerialCollection.Name)]
public sealed class StdinTests
{
    [Fact]
    public async Task Stdin_is_dev_null_even_when_the_daemons_stdin_is_a_pipe_that_never_ends()
    {
        using var spawner = new UnixProcessSpawner();
        var (pipeRead, pipeWrite) = MakePipe();
        var savedStdin = NativeTestHelpers.dup(0);
        NativeTestHelpers.dup2(pipeRead, 0).Should().Be(0);
        try
        {
            var sink = new RecordingSink();
            // An inherited stdin would be the pipe, whose write end stays open here: cat would never finish.
            using var child = spawner.Spawn(Requests.Sh("readlink /proc/self/fd/0; cat; echo done"), sink);

            (await ChildExits.WaitAsync(child)).Code.Should().Be(0);
            await Eventually.TrueAsync(() => sink.AllClosed, "stdout reaches EOF");
            sink.Text(OutputStream.Stdout).Should().Be("/dev/null\ndone\n");
        }
        finally
        {
            NativeTestHelpers.dup2(savedStdin, 0);
            foreach (var fd in new[] { savedStdin, pipeRead, pipeWrite }) NativeTestHelpers.close(fd);
        }
    }

    private static unsafe (int Read, int Write) MakePipe()
    {
        var fds = stackalloc int[2];
        LibC.pipe2(fds, LibC.O_CLOEXEC).Should().Be(0);
        return (fds[0], fds[1]);
    }
}
