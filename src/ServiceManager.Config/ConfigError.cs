using ServiceManager.Config.Model;

namespace ServiceManager.Config;

/// <summary>One problem in a config file, e.g. <c>services.toml:12:1: templates.web.restart: expected one of ...</c>.</summary>
public sealed record ConfigError(SourceLocation Location, string Key, string Message)
{
    public override string ToString() => $"{Location}: {Key}: {Message}";
}
