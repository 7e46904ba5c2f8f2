namespace ServiceManager.Platform;

/// <summary>What to run: argv, the complete environment (nothing is inherited implicitly) and the working directory.</summary>
/// <param name="Program">argv[0]; looked up on the PATH of <paramref name="Environment"/> when it has no slash.</param>
public sealed record SpawnRequest(
    string Program,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory)
{
    /// <summary>
    /// Where the spawner can, the child starts in a cgroup of its own named after this (an instance id), which then
    /// holds every process it starts; null: a process group only (stop_command helpers, probes).
    /// </summary>
    public string? CgroupName { get; init; }

    /// <summary>
    /// Sockets the child gets at descriptors 3, 4, … with <c>LISTEN_FDS</c>, <c>LISTEN_PID</c> and
    /// <c>LISTEN_FDNAMES</c> set (which then replace any of those names in <see cref="Environment"/>); empty: none,
    /// and the environment is exactly <see cref="Environment"/>.
    /// </summary>
    public IReadOnlyList<PassedSocket> Sockets { get; init; } = [];
}
