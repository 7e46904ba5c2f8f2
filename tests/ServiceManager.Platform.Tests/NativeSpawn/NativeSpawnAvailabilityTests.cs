using System.Runtime.InteropServices;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Platform.Tests.NativeSpawn;

public sealed class NativeSpawnAvailabilityTests
{
    [Fact]
    public void On_x86_64_children_are_started_by_the_native_spawner()
    {
        // Fails when the build did not put libsvcmgr-spawn.so beside the assemblies (or put a stale one there):
        // the spawner would silently fall back to posix_spawn and the /bin/sh step.
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64) return;

        UnixProcessSpawner.Clone3UnavailableReason.Should().BeNull();
        UnixProcessSpawner.DefaultMethod.Should().Be(SpawnMethod.Clone3);
        using var spawner = new UnixProcessSpawner();
        spawner.Method.Should().Be(SpawnMethod.Clone3);
    }

    [Fact]
    public void The_fallback_can_always_be_chosen()
    {
        using var spawner = new UnixProcessSpawner(null, null, SpawnMethod.PosixSpawn);

        spawner.Method.Should().Be(SpawnMethod.PosixSpawn);
    }
}
