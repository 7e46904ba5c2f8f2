namespace ServiceManager.Config;

/// <summary>The config is invalid; <see cref="Errors"/> holds every problem found, each with file, line, column and key.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(IReadOnlyList<ConfigError> errors)
        : base(string.Join(Environment.NewLine, errors)) => Errors = errors;

    public ConfigException() : this([]) { }

    public ConfigException(string message) : base(message) => Errors = [];

    public ConfigException(string message, Exception inner) : base(message, inner) => Errors = [];

    public IReadOnlyList<ConfigError> Errors { get; }
}
