using System.Collections.Immutable;
using ServiceManager.Config;
using ServiceManager.Config.Model;
using ServiceManager.Daemon.Persistence;

namespace ServiceManager.Daemon.Hosting;

/// <summary>
/// The config the daemon runs on, and the one way to replace it: a reload that validates first. It is the file plus
/// the run-time scales of replica groups (<see cref="Scales"/>, kept in <c>state.json</c>).
/// </summary>
internal sealed class ConfigStore(
    string path, ServicesConfig initial, IReadOnlyDictionary<string, string> environment, IReadOnlyDictionary<string, ScaleRecord>? scales = null)
{
    private volatile ServicesConfig _current = initial;
    private volatile ImmutableDictionary<string, ScaleRecord> _scales = InForce(initial, scales);

    public ServicesConfig Current => _current;

    public string Path => path;

    /// <summary>The daemon's environment as captured at start-up: what <c>${VAR}</c> resolves against.</summary>
    public IReadOnlyDictionary<string, string> Environment => environment;

    /// <summary>The scales in force, by group: only those that differ from the file's <c>instances</c>.</summary>
    public IReadOnlyDictionary<string, ScaleRecord> Scales => _scales;

    /// <summary>Reads and validates the file again; throws <see cref="ConfigException"/> and keeps the old config on any error.</summary>
    /// <param name="reserved">The instances created at run time, whose ids and ports the file must leave alone.</param>
    /// <param name="scales">The scales to apply; null: those in force.</param>
    public ServicesConfig LoadCandidate(IReadOnlyCollection<ReservedInstance> reserved, IReadOnlyDictionary<string, ScaleRecord>? scales = null) =>
        Load(path, environment, reserved, scales ?? _scales);

    /// <param name="scales">The scales <paramref name="config"/> was loaded with; null: those in force.</param>
    public void Commit(ServicesConfig config, IReadOnlyDictionary<string, ScaleRecord>? scales = null)
    {
        _scales = InForce(config, scales ?? _scales);
        _current = config;
        Committed?.Invoke();
    }

    /// <summary>A reload replaced <see cref="Current"/> (raised on the reloading thread).</summary>
    public event Action? Committed;

    /// <summary>The file with <paramref name="scales"/> applied, except those whose group's <c>instances</c> was edited since.</summary>
    /// <exception cref="ConfigException">The file is invalid.</exception>
    public static ServicesConfig Load(
        string path, IReadOnlyDictionary<string, string> environment, IReadOnlyCollection<ReservedInstance>? reserved,
        IReadOnlyDictionary<string, ScaleRecord> scales)
    {
        var config = ConfigLoader.Load(path, environment, reserved, scales.ToDictionary(s => s.Key, s => s.Value.Count));
        var edited = scales.Where(s => config.Groups.TryGetValue(s.Key, out var group) && group.Configured != s.Value.Configured).ToList();
        if (edited.Count == 0) return config;
        return ConfigLoader.Load(path, environment, reserved, scales.Except(edited).ToDictionary(s => s.Key, s => s.Value.Count));
    }

    private static ImmutableDictionary<string, ScaleRecord> InForce(ServicesConfig config, IReadOnlyDictionary<string, ScaleRecord>? scales) =>
        (scales ?? ImmutableDictionary<string, ScaleRecord>.Empty)
            .Where(s => config.Groups.TryGetValue(s.Key, out var group) && group.Configured == s.Value.Configured && group.Count != group.Configured)
            .ToImmutableDictionary(StringComparer.Ordinal);
}
