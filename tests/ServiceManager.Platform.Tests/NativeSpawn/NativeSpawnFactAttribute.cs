using ServiceManager.Platform.Unix;

namespace ServiceManager.Platform.Tests.NativeSpawn;

/// <summary>A test of the native spawner itself; skipped, with the reason, where it is not available (not x86_64).
/// <see cref="NativeSpawnAvailabilityTests"/> makes sure that on x86_64 it always is.</summary>
public sealed class NativeSpawnFactAttribute : FactAttribute
{
    public NativeSpawnFactAttribute()
    {
        if (UnixProcessSpawner.Clone3UnavailableReason is { } reason) Skip = $"the native spawner is not available: {reason}";
    }
}

/// <summary><see cref="NativeSpawnFactAttribute"/> for a test that also needs cgroup v2 write access.</summary>
public sealed class NativeSpawnCgroupFactAttribute : FactAttribute
{
    public NativeSpawnCgroupFactAttribute()
    {
        Skip = new NativeSpawnFactAttribute().Skip ?? new CgroupFactAttribute().Skip;
    }
}
