using System.Text;
using ServiceManager.Platform.Tests.Cgroups;
using ServiceManager.Platform.Unix;
using ServiceManager.Platform.Unix.Cgroups;

namespace ServiceManager.Platform.Tests.NativeSpawn;

/// <summary>What only the native spawner guarantees: born in the cgroup (no migration, no shell), the whole signal
/// state reset, and its own descriptor placement.</summary>
public sealed class NativeSpawnTests : IDisposable
{
    private readonly UnixProcessSpawner _spawner = new(null, null, UnixProcessSpawner.DefaultMethod);

    public void Dispose() => _spawner.Dispose();

    [NativeSpawnCgroupFact]
    public async Task The_child_is_born_in_its_leaf_and_no_shell_runs_before_the_program()
    {
        using var cgroups = new TestCgroups(SpawnMethod.Clone3);
        var sink = new RecordingSink();
        // The program's first action is to read its own cgroup.
        using var cat = cgroups.Spawner.Spawn(Requests.Run("cat", "/proc/self/cgroup") with { CgroupName = "web-1" }, sink);
        (await ChildExits.WaitAsync(cat)).Code.Should().Be(0, sink.Text(OutputStream.Stderr));
        await Eventually.TrueAsync(() => sink.AllClosed, "stdout reaches EOF");
        sink.Text(OutputStream.Stdout).Split('\n').Where(l => l.StartsWith("0::", StringComparison.Ordinal))
            .Should().Equal($"0::{cgroups.Containment.Hierarchy.PathOfDirectory(cat.Cgroup!)}");

        using var sleeper = cgroups.Spawner.Spawn(Requests.Run("sleep", "1000") with { CgroupName = "web-1" }, new RecordingSink());
        // Read the moment Spawn returns. CLONE_VFORK resumes the parent only once the child has exec'd, so nothing but
        // the program can be running (a pre-exec shell would show as /proc/PID/exe), and the child is already in its
        // leaf because it was created there: there was never a moment to migrate it in.
        var exe = new FileInfo($"/proc/{sleeper.Pid}/exe").LinkTarget;
        var cgroup = CgroupHierarchy.PathOf(sleeper.Pid);

        Path.GetFileName(exe).Should().Be("sleep");
        cgroup.Should().Be(cgroups.Containment.Hierarchy.PathOfDirectory(sleeper.Cgroup!));
        // The kernel publishes argv a moment after it resumes the parent (create_elf_tables runs after exec_mmap).
        await Eventually.TrueAsync(() => File.ReadAllText($"/proc/{sleeper.Pid}/cmdline").Length > 0, "argv is published");
        File.ReadAllText($"/proc/{sleeper.Pid}/cmdline").Should().Be("sleep\01000\0", "argv[0] as written, no shell in front");
        sleeper.SignalGroup(SignalNames.SIGKILL);
        await ChildExits.WaitAsync(sleeper);
    }

    [NativeSpawnFact]
    public async Task Every_signal_is_default_and_unblocked_in_the_child_whatever_the_parent_has()
    {
        // The parent ignores SIGPIPE (the runtime does), handles others (SIGCHLD, SIGINT…), and this thread blocks SIGUSR1.
        NativeTestHelpers.SignalMasks(Environment.ProcessId)["SigIgn"].Should().NotBe(0);
        var child = SpawnWithSigusr1Blocked();
        using (child)
        {
            var masks = NativeTestHelpers.SignalMasks(child.Pid);

            masks["SigBlk"].Should().Be(0);
            masks["SigIgn"].Should().Be(0, "all 64 signals, glibc's internal real-time ones included");
            masks["SigCgt"].Should().Be(0);
            child.SignalGroup(SignalNames.SIGKILL);
            await ChildExits.WaitAsync(child);
        }
    }

    private unsafe IChildProcess SpawnWithSigusr1Blocked()
    {
        var block = stackalloc ulong[16];
        var old = stackalloc ulong[16];
        block[0] = 1UL << (10 /* SIGUSR1 */ - 1);
        NativeTestHelpers.pthread_sigmask(NativeTestHelpers.SIG_BLOCK, block, old).Should().Be(0);
        try
        {
            return _spawner.Spawn(Requests.Run("sleep", "1000"), new RecordingSink());
        }
        finally
        {
            _ = NativeTestHelpers.pthread_sigmask(NativeTestHelpers.SIG_SETMASK, old, null);
        }
    }

    [NativeSpawnFact]
    public async Task Only_0_1_and_2_are_open_in_the_child_even_when_the_parent_leaks_low_descriptors()
    {
        // Descriptors without FD_CLOEXEC, as a daemon may inherit them; the pipe ends then land above them.
        var leaked = Enumerable.Range(0, 3).Select(_ => NativeTestHelpers.dup(0)).ToList();
        try
        {
            using var child = _spawner.Spawn(Requests.Run("sleep", "1000"), new RecordingSink());

            // Polled: sleep opens and closes the locale archive as it starts. A leaked descriptor would stay.
            await Eventually.TrueAsync(() => NativeTestHelpers.OpenDescriptors(child.Pid).SequenceEqual([0, 1, 2]), "0-2 are the only descriptors");
            new FileInfo($"/proc/{child.Pid}/fd/0").LinkTarget.Should().Be("/dev/null");
            child.SignalGroup(SignalNames.SIGKILL);
            await ChildExits.WaitAsync(child);
        }
        finally
        {
            foreach (var fd in leaked) _ = NativeTestHelpers.close(fd);
        }
    }
}
