using ServiceManager.Platform.Unix;

namespace ServiceManager.Platform.Tests;

/// <summary>On the spawn method this machine uses; <see cref="PosixSpawnFailureTests"/> runs the same on the fallback.</summary>
public class SpawnFailureTests : IDisposable
{
    private readonly UnixProcessSpawner _spawner;
    private readonly TempDir _dir = new();

    public SpawnFailureTests() : this(UnixProcessSpawner.DefaultMethod) { }

    protected SpawnFailureTests(SpawnMethod method) => _spawner = new UnixProcessSpawner(null, null, method);

    public void Dispose()
    {
        _spawner.Dispose();
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void A_missing_program_is_reported_by_name()
    {
        var act = () => _spawner.Spawn(Requests.Run("svcmgr-no-such-program"), new RecordingSink());

        act.Should().Throw<SpawnException>().WithMessage("cannot start 'svcmgr-no-such-program': No such file or directory");
    }

    [Fact]
    public void A_missing_program_given_by_path_is_reported_by_name()
    {
        var act = () => _spawner.Spawn(Requests.Run("/nonexistent/prog"), new RecordingSink());

        act.Should().Throw<SpawnException>().WithMessage("cannot start '/nonexistent/prog': No such file or directory");
    }

    [Fact]
    public void A_file_without_execute_permission_is_refused()
    {
        var script = Path.Combine(_dir.Path, "not-executable");
        File.WriteAllText(script, "#!/bin/sh\n");

        var act = () => _spawner.Spawn(Requests.Run(script), new RecordingSink());

        act.Should().Throw<SpawnException>().WithMessage($"cannot start '{script}': Permission denied");
    }

    [Fact]
    public void A_file_the_kernel_cannot_execute_is_reported_with_the_error_of_execve()
    {
        // Passes every check before the spawn (it exists and is executable): the error comes from execve in the child.
        var file = Path.Combine(_dir.Path, "not-a-program");
        File.WriteAllText(file, "no #! line and not ELF\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var act = () => _spawner.Spawn(Requests.Run(file), new RecordingSink());

        act.Should().Throw<SpawnException>().WithMessage($"cannot start '{file}': Exec format error");
    }

    [Fact]
    public void A_missing_working_directory_is_reported()
    {
        var request = Requests.Sh("true") with { WorkingDirectory = "/nonexistent/dir" };

        var act = () => _spawner.Spawn(request, new RecordingSink());

        act.Should().Throw<SpawnException>().WithMessage("cannot start 'sh': *'/nonexistent/dir'*");
    }

    [Fact]
    public async Task The_program_is_looked_up_on_the_childs_PATH_not_the_daemons()
    {
        var script = Path.Combine(_dir.Path, "svcmgr-only-here");
        File.WriteAllText(script, "#!/bin/sh\necho found\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var env = new Dictionary<string, string> { ["PATH"] = $"{_dir.Path}:/usr/bin:/bin" };
        var sink = new RecordingSink();

        using var child = _spawner.Spawn(new SpawnRequest("svcmgr-only-here", [], env, _dir.Path), sink);

        (await ChildExits.WaitAsync(child)).Code.Should().Be(0);
        await Eventually.TrueAsync(() => sink.AllClosed, "stdout reaches EOF");
        sink.Text(OutputStream.Stdout).Should().Be("found\n");

        var noPath = new Dictionary<string, string> { ["PATH"] = "/nonexistent" };
        var act = () => _spawner.Spawn(new SpawnRequest("sh", ["-c", "true"], noPath, _dir.Path), new RecordingSink());
        act.Should().Throw<SpawnException>().WithMessage("cannot start 'sh': No such file or directory");
    }

    [Fact]
    public void Spawning_after_dispose_is_refused()
    {
        _spawner.Dispose();

        var act = () => _spawner.Spawn(Requests.Sh("true"), new RecordingSink());

        act.Should().Throw<ObjectDisposedException>();
    }
}

/// <summary><see cref="SpawnFailureTests"/> on the fallback: posix_spawn.</summary>
public sealed class PosixSpawnFailureTests() : SpawnFailureTests(SpawnMethod.PosixSpawn);
