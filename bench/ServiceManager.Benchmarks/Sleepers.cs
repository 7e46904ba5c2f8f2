using System.Collections;
using ServiceManager.Platform;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Benchmarks;

/// <summary><c>sleep</c> processes in sessions of their own, standing in for a fleet of idle instances.</summary>
internal sealed class Sleepers : IDisposable
{
    private readonly UnixProcessSpawner _spawner = new();
    private readonly List<IChildProcess> _children = [];

    public Sleepers(int count)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            env[(string)entry.Key] = (string?)entry.Value ?? "";
        var request = new SpawnRequest("sleep", ["3600"], env, "/");
        for (var i = 0; i < count; i++)
            _children.Add(_spawner.Spawn(request, DiscardOutput.Instance));
    }

    public IReadOnlyList<IChildProcess> Children => _children;

    public void Dispose()
    {
        foreach (var child in _children)
        {
            child.SignalGroup(SignalNames.SIGKILL);
            child.Exited.Wait(TimeSpan.FromSeconds(10));
            child.Dispose();
        }
        _spawner.Dispose();
    }

    private sealed class DiscardOutput : IChildOutputSink
    {
        public static readonly DiscardOutput Instance = new();

        public void OnOutput(OutputStream stream, ReadOnlySpan<byte> data)
        {
        }

        public void OnClosed(OutputStream stream)
        {
        }
    }
}
