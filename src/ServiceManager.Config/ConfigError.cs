using ServiceManager.Config.Model;

namespace ServiceManager.Config;

/// <summary>One problem in a config file, e.g. <c>services.toml:12:1: templates.web.restart: expected one of ...</c>.</summary>
/// <param name="Key">Dotted key path such as <c>instances.web-1.port</c>; empty for TOML syntax errors, which belong to no key.</param>
/// <param name="Kind">What kind of problem it is, for callers that treat some differently (a port conflict, say).</param>
public sealed record ConfigError(SourceLocation Location, string Key, string Message, ConfigErrorKind Kind)
{
    public override string ToString() => Key.Length == 0 ? $"{Location}: {Message}" : $"{Location}: {Key}: {Message}";
}
