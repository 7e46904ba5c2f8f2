using System.Collections;
using ServiceManager.Platform;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Monitoring.Tests.Support;

/// <summary>Real children in sessions of their own, killed (whole group) when disposed.</summary>
internal sealed class Children : IDisposable
{
    private readonly UnixProcessSpawner _spawner = new();
    private readonly List<IChildProcess> _children = [];

    public IProcessSpawner Spawner => _spawner;

    public static Dictionary<string, string> InheritedEnvironment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            env[(string)entry.Key] = (string?)entry.Value ?? "";
        return env;
    }

    public IChildProcess Start(string program, params string[] args)
    {
        var child = _spawner.Spawn(new SpawnRequest(program, args, InheritedEnvironment(), Path.GetTempPath()), NullSink.Instance);
        _children.Add(child);
        return child;
    }

    public IChildProcess Sh(string script) => Start("/bin/sh", "-c", script);

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
}
