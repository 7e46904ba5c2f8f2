namespace ServiceManager.Daemon.Persistence;

/// <summary>A run-time instance's resolved definition (placeholders expanded), as kept in <c>state.json</c>.</summary>
/// <param name="Environment">What the instance adds to the daemon's environment, values included: the file is 0600.</param>
/// <param name="EnvFile">An env file read at every start; its values are not copied here.</param>
/// <param name="DependsOn">The ids of <c>depends_on</c>, in order.</param>
/// <param name="DependencyConditions">Their conditions, same order (<c>running</c> for a bare name); absent when every
/// entry is a bare name, as in files written before conditions existed.</param>
/// <param name="CronRestart">Cron texts, parsed again on restore (with the instance's seed, as the config does).</param>
internal sealed record DefinitionRecord(
    string? Template,
    IReadOnlyList<string> Command,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory,
    int? Port,
    bool AutoStart,
    IReadOnlyList<string> Tags,
    RestartRecord Restart,
    StopRecord Stop,
    HealthRecord? Health,
    long? MaxMemoryBytes,
    IReadOnlyList<string> DependsOn,
    string? DisplayName,
    string? Description,
    string? Category,
    string? EnvFile,
    IReadOnlyList<string>? DependencyConditions = null,
    WatchRecord? Watch = null,
    string? CronRestart = null,
    string? Schedule = null,
    string? ReadyLogLine = null);
