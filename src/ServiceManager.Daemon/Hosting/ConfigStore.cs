using ServiceManager.Config;
using ServiceManager.Config.Model;

namespace ServiceManager.Daemon.Hosting;

/// <summary>The config the daemon runs on, and the one way to replace it: a reload that validates first.</summary>
internal sealed class ConfigStore(string path, ServicesConfig initial, IReadOnlyDictionary<string, string> environment)
{
    private volatile ServicesConfig _current = initial;

    public ServicesConfig Current => _current;

    public string Path => path;

    /// <summary>The daemon's environment as captured at start-up: what <c>${VAR}</c> resolves against.</summary>
    public IReadOnlyDictionary<string, string> Environment => environment;

    /// <summary>Reads and validates the file again; throws <see cref="ConfigException"/> and keeps the old config on any error.</summary>
    /// <param name="reserved">The instances created at run time, whose ids and ports the file must leave alone.</param>
    public ServicesConfig LoadCandidate(IReadOnlyCollection<ReservedInstance> reserved) => ConfigLoader.Load(path, environment, reserved);

    public void Commit(ServicesConfig config)
    {
        _current = config;
        Committed?.Invoke();
    }

    /// <summary>A reload replaced <see cref="Current"/> (raised on the reloading thread).</summary>
    public event Action? Committed;
}
