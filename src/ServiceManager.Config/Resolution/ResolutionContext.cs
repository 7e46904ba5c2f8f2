using ServiceManager.Config.Model;

namespace ServiceManager.Config.Resolution;

/// <summary>What every instance is resolved against.</summary>
/// <param name="ConfigDir">The config file's directory: <c>{config}</c>, the default working directory, the base of relative paths.</param>
internal sealed record ResolutionContext(
    string ConfigDir,
    IReadOnlyDictionary<string, string> Environment,
    DaemonSettings Daemon,
    ErrorSink Errors);
