using ServiceManager.Config.Model;

namespace ServiceManager.Config;

/// <summary>Collects every problem so that one load reports all of them, not just the first.</summary>
internal sealed class ErrorSink
{
    private readonly List<ConfigError> _errors = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    /// <summary>Adds errors found elsewhere (an env file read on its own) as they are.</summary>
    public void AddRange(IEnumerable<ConfigError> errors)
    {
        foreach (var error in errors)
            if (_seen.Add(error.ToString())) _errors.Add(error);
    }

    // A template key is checked once per instance using it: the same error must still be reported once.
    public void Add(ConfigErrorKind kind, SourceLocation location, string key, string message)
    {
        var error = new ConfigError(location, key, message, kind);
        if (_seen.Add(error.ToString())) _errors.Add(error);
    }

    public void ThrowIfAny()
    {
        if (_errors.Count == 0) return;
        var ordered = _errors
            .OrderBy(e => e.Location.File, StringComparer.Ordinal)
            .ThenBy(e => e.Location.Line)
            .ThenBy(e => e.Location.Column)
            .ToList();
        throw new ConfigException(ordered);
    }
}
