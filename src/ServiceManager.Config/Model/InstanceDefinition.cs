namespace ServiceManager.Config.Model;

/// <summary>
/// One instance with its template merged in and every placeholder expanded: everything a supervisor needs to run it.
/// </summary>
/// <param name="Command">argv. With <c>shell = true</c> it is <c>["/bin/sh", "-c", text]</c>.</param>
/// <param name="Environment">Only what the config adds (env_file, env table, leading NAME=value words, PORT,
/// SVCMGR_INSTANCE, SVCMGR_TEMPLATE); the daemon's own environment is merged under it at spawn time.</param>
public sealed record InstanceDefinition(
    string Id,
    string? Template,
    IReadOnlyList<string> Command,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory,
    int? Port,
    bool AutoStart,
    IReadOnlyList<string> Tags,
    RestartSettings Restart,
    StopSettings Stop,
    HealthCheckSettings? Health,
    long? MaxMemoryBytes,
    IReadOnlyList<string> DependsOn,
    SourceLocation Location)
{
    /// <summary>Human-readable name (<c>display_name</c>, inherited from the template unless the instance sets its own).</summary>
    public string? DisplayName { get; init; }

    public string? Description { get; init; }

    public string? Category { get; init; }

    /// <summary>The config file, <c>svcmgr create</c> or <c>svcmgr start -- CMD</c>.</summary>
    public InstanceOrigin Origin { get; init; } = InstanceOrigin.Config;

    /// <summary>
    /// A dotenv file read again at every start, its entries under <see cref="Environment"/> (ad-hoc instances'
    /// <c>--env-file</c>); null for config instances, whose env_file is read into <see cref="Environment"/> at load.
    /// </summary>
    public string? EnvFile { get; init; }

    /// <summary>True when running this definition would behave exactly like <paramref name="other"/> (location ignored).</summary>
    public bool SameAs(InstanceDefinition other) =>
        Id == other.Id && Template == other.Template && Command.SequenceEqual(other.Command)
        && Environment.Count == other.Environment.Count
        && Environment.All(kv => other.Environment.TryGetValue(kv.Key, out var v) && v == kv.Value)
        && WorkingDirectory == other.WorkingDirectory && Port == other.Port && AutoStart == other.AutoStart
        && Tags.SequenceEqual(other.Tags) && Restart == other.Restart && Stop == other.Stop && Health == other.Health
        && MaxMemoryBytes == other.MaxMemoryBytes && DependsOn.SequenceEqual(other.DependsOn)
        && Origin == other.Origin && EnvFile == other.EnvFile;
}
