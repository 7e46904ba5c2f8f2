using ServiceManager.Config.Model;

namespace ServiceManager.Config.Tests.Support;

/// <summary>Writes a services.toml into a fresh temp dir and loads it through the public API.</summary>
public abstract class ConfigTestBase : IDisposable
{
    protected TempDir Dir { get; } = new();

    protected string ConfigPath => Path.Combine(Dir.Path, "services.toml");

    protected ServicesConfig Load(string toml, IReadOnlyDictionary<string, string>? environment = null)
    {
        Dir.Write("services.toml", toml);
        return ConfigLoader.Load(ConfigPath, environment ?? new Dictionary<string, string>());
    }

    protected IReadOnlyList<ConfigError> Errors(string toml, IReadOnlyDictionary<string, string>? environment = null)
    {
        var act = () => Load(toml, environment);
        return act.Should().Throw<ConfigException>().Which.Errors;
    }

    protected ConfigError SingleError(string toml, IReadOnlyDictionary<string, string>? environment = null)
    {
        var errors = Errors(toml, environment);
        errors.Should().ContainSingle(because: string.Join("\n", errors));
        return errors[0];
    }

    protected static InstanceDefinition Instance(ServicesConfig config, string id) => config.Instances.Single(i => i.Id == id);

    public void Dispose()
    {
        Dir.Dispose();
        GC.SuppressFinalize(this);
    }
}
