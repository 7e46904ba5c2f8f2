using ServiceManager.Config;
using ServiceManager.Config.Model;

namespace ServiceManager.Daemon.Hosting;

/// <summary>The config the daemon runs on, and the one way to replace it: a reload that validates first.</summary>
internal sealed class ConfigStore(string path, ServicesConfig initial, IReadOnlyDictionary<string, string> environment)
{
    private volatile ServicesConfig _current = initial;

    public ServicesConfig Current => _current;

    public string Path => path;

    /// <summary>Reads and validates the file again; throws <see cref="ConfigException"/> and keeps the old config on any error.</summary>
    public ServicesConfig LoadCandidate() => ConfigLoader.Load(path, environment);

    public void Commit(ServicesConfig config) => _current = config;
}
