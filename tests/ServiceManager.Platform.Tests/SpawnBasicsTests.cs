using System.Text;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Platform.Tests;

/// <summary>On the spawn method this machine uses (the native spawner on x86_64); <see cref="PosixSpawnBasicsTests"/>
/// runs the same on the fallback.</summary>
public class SpawnBasicsTests : IDisposable
{
    private readonly UnixProcessSpawner _spawner;

    public SpawnBasicsTests() : this(UnixProcessSpawner.DefaultMethod) { }

    protected SpawnBasicsTests(SpawnMethod method) => _spawner = new UnixProcessSpawner(null, null, method);

    public void Dispose()
    {
        _spawner.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Stdout_and_stderr_arrive_on_their_own_streams_and_the_exit_code_is_reported()
    {
        var sink = new RecordingSink();
        using var child = _spawner.Spawn(Requests.Sh("echo out; echo err >&2; exit 3"), sink);

        var exit = await ChildExits.WaitAsync(child);

        exit.Code.Should().Be(3);
        exit.Signal.Should().BeNull();
        await Eventually.TrueAsync(() => sink.AllClosed, "both pipes reach EOF");
        sink.Text(OutputStream.Stdout).Should().Be("out\n");
        sink.Text(OutputStream.Stderr).Should().Be("err\n");
    }

    [Fact]
    public async Task The_requested_environment_and_working_directory_reach_the_child_and_nothing_else_does()
    {
        using var dir = new TempDir();
        var env = new Dictionary<string, string> { ["FOO"] = "bar baz", ["PATH"] = "/usr/bin:/bin" };
        var sink = new RecordingSink();
        using var child = _spawner.Spawn(Requests.Sh("echo \"$FOO\"; pwd; echo \"${HOME-unset}\"", env, dir.Path), sink);

        (await ChildExits.WaitAsync(child)).Code.Should().Be(0);

        await Eventually.TrueAsync(() => sink.AllClosed, "stdout reaches EOF");
        sink.Text(OutputStream.Stdout).Should().Be($"bar baz\n{dir.Path}\nunset\n");
    }

    [Fact]
    public async Task The_child_leads_its_own_session_and_process_group()
    {
        using var child = _spawner.Spawn(Requests.Run("sleep", "1000"), new RecordingSink());
        try
        {
            var stat = ProcStat.Read(child.Pid);

            stat.Should().NotBeNull();
            stat!.ProcessGroup.Should().Be(child.Pid);
            stat.Session.Should().Be(child.Pid);
            stat.ParentPid.Should().Be(Environment.ProcessId);
        }
        finally
        {
            child.SignalGroup(SignalNames.SIGKILL);
            await ChildExits.WaitAsync(child);
        }
    }

    [Fact]
    public async Task No_descriptor_of_the_parent_leaks_into_the_child()
    {
        // A descriptor without FD_CLOEXEC, as a daemon may inherit from whoever started it.
        var leakable = NativeTestHelpers.dup(0);
        leakable.Should().BeGreaterThan(2);
        try
        {
            var sink = new RecordingSink();
            using var child = _spawner.Spawn(Requests.Run("ls", "/proc/self/fd"), sink);
            (await ChildExits.WaitAsync(child)).Code.Should().Be(0);
            await Eventually.TrueAsync(() => sink.AllClosed, "stdout reaches EOF");

            var fds = sink.Text(OutputStream.Stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            // 0, 1, 2 and the directory ls itself is reading.
            fds.Should().HaveCount(4, "got {0}", string.Join(",", fds));
            fds.Should().Contain(["0", "1", "2"]);
        }
        finally
        {
            _ = NativeTestHelpers.close(leakable);
        }
    }

    [Fact]
    public async Task Signal_dispositions_and_mask_are_reset_to_defaults()
    {
        // The runtime ignores SIGPIPE; a child inheriting that would never die writing to a closed pipe.
        var sink = new RecordingSink();
        using var child = _spawner.Spawn(Requests.Run("grep", "-E", "^Sig(Ign|Blk)", "/proc/self/status"), sink);
        (await ChildExits.WaitAsync(child)).Code.Should().Be(0);
        await Eventually.TrueAsync(() => sink.AllClosed, "stdout reaches EOF");

        var masks = sink.Text(OutputStream.Stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(l => l.Split(':')[0], l => Convert.ToUInt64(l.Split('\t')[1], 16));
        masks["SigBlk"].Should().Be(0);
        // Only signals 1-31: glibc's posix_spawn always leaves its two internal real-time signals (32, 33) ignored.
        (masks["SigIgn"] & 0x7FFF_FFFFUL).Should().Be(0);
    }

    [Fact]
    public async Task Large_output_arrives_complete_and_before_the_exit_is_reported()
    {
        var expected = new StringBuilder();
        for (var i = 1; i <= 200_000; i++) expected.Append(i).Append('\n');
        var sink = new RecordingSink();
        using var child = _spawner.Spawn(Requests.Run("seq", "1", "200000"), sink);

        (await ChildExits.WaitAsync(child)).Code.Should().Be(0);

        // Checked the moment the exit is known, without waiting: the last chunk must already have been delivered.
        sink.Length(OutputStream.Stdout).Should().Be(expected.Length);
        sink.Text(OutputStream.Stdout).Should().Be(expected.ToString());
    }

    [Fact]
    public async Task Output_still_in_an_enlarged_pipe_at_exit_is_delivered_before_the_exit()
    {
        const int size = 1024 * 1024; // The unprivileged pipe size limit, far more than the loop reads in one turn.
        // A slow sink keeps most of the data in the pipe when the exit is noticed.
        var sink = new RecordingSink(delayPerChunk: TimeSpan.FromMilliseconds(3));
        var script = $"fcntl(STDOUT, 1031, {size}) or die \"F_SETPIPE_SZ: $!\"; "
                     + $"syswrite(STDOUT, 'x' x {size}) == {size} or die \"short write\"";
        using var child = _spawner.Spawn(Requests.Run("perl", "-e", script), sink);

        var seenAtExit = await child.Exited.ContinueWith(
            _ => sink.Length(OutputStream.Stdout), TaskScheduler.Default).WaitAsync(Eventually.DefaultTimeout);

        (await child.Exited).Code.Should().Be(0, "stderr: {0}", sink.Text(OutputStream.Stderr));
        seenAtExit.Should().Be(size);
    }
}

/// <summary><see cref="SpawnBasicsTests"/> on the fallback: posix_spawn.</summary>
public sealed class PosixSpawnBasicsTests() : SpawnBasicsTests(SpawnMethod.PosixSpawn);
