using ServiceManager.Platform.Unix;
using ServiceManager.Platform.Unix.Cgroups;

namespace ServiceManager.Platform.Tests.Cgroups;

/// <summary>A containment of its own (its subtree named after a fresh state directory) and a spawner using it;
/// disposing kills whatever is left in the subtree and removes it, so test runs do not litter the cgroup tree.</summary>
internal sealed class TestCgroups : IDisposable
{
    private readonly TempDir _state = new();

    public TestCgroups() : this(UnixProcessSpawner.DefaultMethod) { }

    public TestCgroups(SpawnMethod method)
    {
        Containment = CgroupContainment.TryCreate(_state.Path, out var reason)
            ?? throw new InvalidOperationException($"cgroups are not usable: {reason}");
        Spawner = new UnixProcessSpawner(null, Containment, method);
    }

    public CgroupContainment Containment { get; }

    public UnixProcessSpawner Spawner { get; }

    public string StateDirectory => _state.Path;

    public void Dispose()
    {
        Spawner.Dispose();
        Remove(Containment.Root);
        _state.Dispose();
    }

    /// <summary>Kills what is in <paramref name="cgroup"/>, waits (bounded) for it to empty, removes it.</summary>
    public static void Remove(Cgroup cgroup)
    {
        cgroup.Kill();
        for (var i = 0; i < 200 && cgroup.IsPopulated(); i++) Thread.Sleep(10); // A bounded wait in clean-up, not a synchronisation.
        cgroup.TryRemove();
    }
}
