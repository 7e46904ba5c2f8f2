using System.Runtime.InteropServices;
using System.Text.Json;

namespace ServiceManager.Reliability.Tests.Faults;

/// <summary>
/// Which spawner a real daemon uses (docs/containment.md): the native one from the build output on x86_64, and
/// posix_spawn (in cgroup mode with the /bin/sh step) when <c>libsvcmgr-spawn.so</c> is not beside svcmgr — its
/// services still run, in their cgroups where cgroups are usable; daemon.log and doctor say which and why.
/// </summary>
public sealed class SpawnerChoiceTests : IAsyncLifetime
{
    private const string Library = "libsvcmgr-spawn.so";

    private readonly TestHome _home = new();
    private readonly TempDir _copy = new("svcmgr-nolib-");
    private DaemonProcess? _daemon;

    public Task InitializeAsync()
    {
        _home.WriteConfig("""
            [instances.web]
            start_command = ["sh", "-c", "echo ready; exec sleep 1000"]
            auto_start = true
            """);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_build_output_uses_the_native_spawner_on_x86_64()
    {
        var x64 = RuntimeInformation.ProcessArchitecture == Architecture.X64;
        File.Exists(Path.Combine(AppContext.BaseDirectory, Library)).Should().Be(x64, "the build compiles the library on x86_64 only");

        _daemon = await DaemonProcess.StartAsync(_home.Path);
        var pid = await Instances.RunningPidAsync(_daemon, "web");

        (await SpawnerCheckAsync()).Should().StartWith(x64 ? "native (clone3, libsvcmgr-spawn.so)" : "posix_spawn");
        AssertInItsLeafIfCgroups(pid);
    }

    [Fact]
    public async Task Without_the_library_children_start_through_posix_spawn_and_doctor_says_why()
    {
        CopyBuildOutputWithout(Library);

        _daemon = await DaemonProcess.StartFromAsync(Path.Combine(_copy.Path, "svcmgr.dll"), _home.Path);
        var pid = await Instances.RunningPidAsync(_daemon, "web");
        await LogFiles.WaitForAsync(_home, "web", "ready");

        var check = await SpawnerCheckAsync();
        check.Should().StartWith("posix_spawn, not the native spawner (libsvcmgr-spawn.so cannot be loaded")
            .And.Contain(_copy.Path, "the loader's answer names where it looked").And.Contain($"/{Library}: cannot open shared object file")
            .And.NotContain("\n", "the reason is one line");
        File.ReadAllText(_daemon.LogFile).Should().Contain("spawner: posix_spawn");
        if (AssertInItsLeafIfCgroups(pid)) check.Should().Contain("through a /bin/sh step");
    }

    /// <summary>Everything the tests run svcmgr.dll with (runtimeconfig, deps, assemblies), but not <paramref name="left"/>.</summary>
    private void CopyBuildOutputWithout(string left)
    {
        var source = AppContext.BaseDirectory;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            if (Path.GetFileName(file) == left) continue;
            var target = Path.Combine(_copy.Path, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private async Task<string> SpawnerCheckAsync()
    {
        var doctor = await Svcmgr.RunAsync(_home.Path, "doctor", "--json");
        using var json = JsonDocument.Parse(doctor.Stdout);
        return json.RootElement.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "spawner").GetProperty("message").GetString()!;
    }

    /// <summary>Where the daemon made cgroups, the child is in its own leaf; returns whether it did.</summary>
    private bool AssertInItsLeafIfCgroups(int pid)
    {
        if (_home.CgroupSubtree is not { } subtree || !Directory.Exists(subtree)) return false;
        var leaf = File.ReadAllText($"/proc/{pid}/cgroup").Split('\n').Single(l => l.StartsWith("0::", StringComparison.Ordinal))[3..];
        Path.GetFileName(leaf).Should().Be("web@1", "the child runs in its own leaf");
        return true;
    }

    public async Task DisposeAsync()
    {
        if (_daemon is not null) await _daemon.DisposeAsync();
        InstanceProcesses.KillAll(_home.Path);
        _home.Dispose();
        _copy.Dispose();
    }
}
