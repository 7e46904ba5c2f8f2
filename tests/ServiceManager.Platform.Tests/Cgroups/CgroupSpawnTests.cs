using System.Globalization;
using ServiceManager.Platform.Unix;
using ServiceManager.Platform.Unix.Cgroups;

namespace ServiceManager.Platform.Tests.Cgroups;

/// <summary>Children started in cgroups: in their leaf before their first instruction, with exactly the requested
/// environment and argv, reached by signals and SIGKILL wherever their descendants went, and cleaned up. On the spawn
/// method this machine uses; <see cref="PosixSpawnCgroupSpawnTests"/> runs the same on the fallback (the pre-exec step).</summary>
public class CgroupSpawnTests : IDisposable
{
    private readonly TestCgroups _cgroups;

    public CgroupSpawnTests() : this(UnixProcessSpawner.DefaultMethod) { }

    protected CgroupSpawnTests(SpawnMethod method) => _cgroups = new TestCgroups(method);

    public void Dispose()
    {
        _cgroups.Dispose();
        GC.SuppressFinalize(this);
    }

    private IChildProcess Spawn(SpawnRequest request, RecordingSink sink) =>
        _cgroups.Spawner.Spawn(request with { CgroupName = "web-1" }, sink);

    [CgroupFact]
    public async Task The_child_and_what_it_forks_are_in_a_fresh_leaf_from_the_start()
    {
        var sink = new RecordingSink();
        // The very first thing the program does is print its own cgroup; then a grandchild in a session of its own does.
        using var child = Spawn(Requests.Sh("cat /proc/self/cgroup; setsid sh -c 'cat /proc/self/cgroup'"), sink);

        (await ChildExits.WaitAsync(child)).Code.Should().Be(0, sink.Text(OutputStream.Stderr));
        await Eventually.TrueAsync(() => sink.AllClosed, "stdout reaches EOF");

        child.Cgroup.Should().Be(Path.Combine(_cgroups.Containment.Root.Directory, "web-1@1"));
        var expected = "0::" + _cgroups.Containment.Hierarchy.PathOfDirectory(child.Cgroup!);
        sink.Text(OutputStream.Stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("0::", StringComparison.Ordinal))
            .Should().Equal(expected, expected);
        child.IsGroupAlive().Should().BeFalse();
        child.Dispose();
        Directory.Exists(Path.Combine(_cgroups.Containment.Root.Directory, "web-1@1")).Should().BeFalse("an empty leaf is removed with its child");
    }

    [CgroupFact]
    public async Task The_program_gets_exactly_the_requested_environment_and_its_own_argv()
    {
        using var dir = new TempDir();
        var env = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/bin:/bin", ["PWD"] = "/not/the/cwd", ["IFS"] = "x", ["PPID"] = "5", ["OPTIND"] = "abc",
            ["a.b"] = "dotted", ["BASH_FUNC_f%%"] = "() { echo f; }", ["PLAIN"] = "v a l",
        };
        var sink = new RecordingSink();
        using var child = Spawn(new SpawnRequest("env", ["-0"], env, dir.Path), sink);

        (await ChildExits.WaitAsync(child)).Code.Should().Be(0, sink.Text(OutputStream.Stderr));
        await Eventually.TrueAsync(() => sink.AllClosed, "stdout reaches EOF");

        sink.Text(OutputStream.Stdout).Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Should().BeEquivalentTo(env.Select(kv => $"{kv.Key}={kv.Value}"));

        var withoutPwd = await RunAsync(new SpawnRequest("env", [], new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }, dir.Path));
        withoutPwd.Should().Be("PATH=/usr/bin:/bin\n", "a PWD the request lacks is not added");
        (await RunAsync(new SpawnRequest("sh", ["-c", "printf %s \"$0\""], new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }, dir.Path)))
            .Should().Be("sh", "argv[0] is the name as written, not /bin/sh");
    }

    private async Task<string> RunAsync(SpawnRequest request)
    {
        var sink = new RecordingSink();
        using var child = Spawn(request, sink);
        (await ChildExits.WaitAsync(child)).Code.Should().Be(0, sink.Text(OutputStream.Stderr));
        await Eventually.TrueAsync(() => sink.AllClosed, "stdout reaches EOF");
        return sink.Text(OutputStream.Stdout);
    }

    [CgroupFact]
    public async Task No_descriptor_leaks_into_a_child_in_a_cgroup()
    {
        var sink = new RecordingSink();
        using var child = Spawn(Requests.Run("ls", "/proc/self/fd"), sink);
        (await ChildExits.WaitAsync(child)).Code.Should().Be(0);
        await Eventually.TrueAsync(() => sink.AllClosed, "stdout reaches EOF");

        // 0, 1, 2 and the directory ls itself is reading.
        sink.Text(OutputStream.Stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(4);
    }

    [CgroupFact]
    public async Task A_stop_signal_reaches_an_escaped_grandchild_once_and_SIGKILL_reaches_one_that_ignores_it()
    {
        using var dir = new TempDir();
        var sink = new RecordingSink();
        // Two escapees: one counts the TERMs it gets, one ignores TERM.
        var script = $"""
            setsid sh -c 'trap "echo term >> {dir.Path}/terms; exit 0" TERM; echo $$ > {dir.Path}/polite; while :; do sleep 0.05; done' &
            setsid sh -c 'trap "" TERM; echo $$ > {dir.Path}/stubborn; while :; do sleep 0.05; done' &
            trap 'exit 0' TERM
            while :; do sleep 0.05; done
            """;
        using var child = Spawn(Requests.Sh(script), sink);
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(dir.Path, "polite")) && File.Exists(Path.Combine(dir.Path, "stubborn")), "both escaped");
        var polite = ReadPid(dir, "polite");
        var stubborn = ReadPid(dir, "stubborn");
        ProcStat.Read(polite)!.Session.Should().Be(polite, "it left the child's session");

        var outcome = await StopSequence.RunAsync(child, SignalNames.SIGTERM, TimeSpan.FromMilliseconds(500), TimeProvider.System, child.Exited);

        outcome.Killed.Should().BeTrue("one escapee ignores SIGTERM");
        outcome.Survived.Should().BeFalse();
        File.ReadAllText(Path.Combine(dir.Path, "terms")).Should().Be("term\n", "exactly one SIGTERM");
        ProcScan.Live(stubborn).Should().BeNull("killed (a zombie at most: pid 1 reaps it, or here does not)");
        new Cgroup(child.Cgroup!).IsPopulated().Should().BeFalse();
    }

    [CgroupFact]
    public async Task A_previous_daemons_leaf_is_stopped_through_the_cgroup_and_removed()
    {
        var sink = new RecordingSink();
        var child = Spawn(Requests.Sh("setsid sleep 1000 & exec sleep 1000"), sink);
        var leaf = new Cgroup(child.Cgroup!);
        await Eventually.TrueAsync(() => leaf.Members().Count == 2, "the child and its escapee are in the leaf");
        var members = leaf.Members();
        // A daemon killed by -9 never disposes its children; a new one only knows the leaf.
        var result = await new LeftoverCgroup(leaf).StopAsync(SignalNames.SIGTERM, TimeSpan.FromSeconds(10), TimeProvider.System);

        result.Members.Should().BeEquivalentTo(members);
        result.Killed.Should().BeFalse("sleep dies of SIGTERM");
        leaf.Exists.Should().BeFalse("an emptied leaf is removed");
        (await ChildExits.WaitAsync(child)).Signal.Should().Be(SignalNames.SIGTERM);
        child.Dispose();
    }

    [CgroupFact]
    public async Task A_leaf_that_still_holds_processes_is_never_reused()
    {
        var first = Spawn(Requests.Run("sleep", "1000"), new RecordingSink());
        first.Dispose(); // Still running: its leaf stays.
        using var second = Spawn(Requests.Run("sleep", "1000"), new RecordingSink());

        Path.GetFileName(second.Cgroup).Should().Be("web-1@2");
        UnixProcess.Signal(first.Pid, SignalNames.SIGKILL);
        await ChildExits.WaitAsync(first);
        await Eventually.TrueAsync(() => !Directory.Exists(first.Cgroup), "a disposed child's leaf goes once it has exited");
        CgroupContainment.LeavesOf(_cgroups.Containment.Root).Select(l => l.Name).Should().Equal("web-1@2");
        second.SignalGroup(SignalNames.SIGKILL).Should().BeTrue();
        await ChildExits.WaitAsync(second);
    }

    [CgroupFact]
    public void A_request_without_a_cgroup_name_stays_in_a_process_group_only()
    {
        using var child = _cgroups.Spawner.Spawn(Requests.Run("sleep", "1000"), new RecordingSink());

        child.Cgroup.Should().BeNull();
        CgroupHierarchy.PathOf(child.Pid).Should().Be(CgroupHierarchy.PathOf(Environment.ProcessId));
        child.SignalGroup(SignalNames.SIGKILL);
    }

    private static int ReadPid(TempDir dir, string name) =>
        int.Parse(File.ReadAllText(Path.Combine(dir.Path, name)).Trim(), CultureInfo.InvariantCulture);
}

/// <summary><see cref="CgroupSpawnTests"/> on the fallback: posix_spawn and the /bin/sh pre-exec step.</summary>
public sealed class PosixSpawnCgroupSpawnTests() : CgroupSpawnTests(SpawnMethod.PosixSpawn);
