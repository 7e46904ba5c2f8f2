using ServiceManager.Platform.Unix;

namespace ServiceManager.Platform.Tests;

public sealed class ProcScanTests : IDisposable
{
    private readonly UnixProcessSpawner _spawner = new();

    public void Dispose() => _spawner.Dispose();

    [Fact]
    public async Task A_child_is_found_by_a_variable_of_its_environment_with_its_session()
    {
        var variable = "SVCMGR_SCAN_TEST_" + Guid.NewGuid().ToString("N");
        var env = Requests.InheritedEnvironment();
        env[variable] = "tagged";
        using var child = _spawner.Spawn(new SpawnRequest("sleep", ["1000"], env, Path.GetTempPath()), new RecordingSink());
        try
        {
            // posix_spawn returns once the child is inside execve, a moment before the kernel publishes the new
            // environment in /proc/PID/environ.
            await Eventually.TrueAsync(() => ProcScan.WithEnvironmentVariable(variable).Count > 0, "the child's environment is visible");
            var found = ProcScan.WithEnvironmentVariable(variable).Should().ContainSingle().Subject;

            found.Process.Pid.Should().Be(child.Pid);
            found.Process.Session.Should().Be(child.Pid, "children are session leaders");
            found.Process.ProcessGroup.Should().Be(child.Pid);
            found.Process.ParentPid.Should().Be(Environment.ProcessId);
            found.Value.Should().Be("tagged");
            found.Command.Should().Be("sleep 1000");
            ProcScan.EnvironmentValue(child.Pid, variable).Should().Be("tagged");
            ProcScan.EnvironmentValue(child.Pid, variable[..^1]).Should().BeNull("only a whole name matches");
        }
        finally
        {
            child.SignalGroup(SignalNames.SIGKILL);
            await ChildExits.WaitAsync(child);
        }

        ProcScan.WithEnvironmentVariable(variable).Should().BeEmpty("a reaped child is gone");
        ProcScan.Live(child.Pid).Should().BeNull();
    }

    [Fact]
    public void Our_own_command_line_is_readable()
    {
        ProcScan.Arguments(Environment.ProcessId).Should().NotBeNullOrEmpty();
        ProcScan.Arguments(int.MaxValue).Should().BeNull("no such process");
        ProcScan.Pids().Should().Contain(Environment.ProcessId);
    }
}
